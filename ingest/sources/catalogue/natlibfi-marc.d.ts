// Types for the two National Library of Finland MARC packages, which ship none: only the parts the
// MARC reader uses (the record model with its validation, the ISO 2709 reader, the MARCXML writer).
declare module '@natlibfi/marc-record' {
  export interface MarcSubfield {
    code: string;
    value?: string;
  }
  export interface MarcControlField {
    tag: string;
    value: string;
  }
  export interface MarcDataField {
    tag: string;
    ind1: string;
    ind2: string;
    subfields: MarcSubfield[];
  }
  export type MarcField = MarcControlField | MarcDataField;
  export interface MarcValidationOptions {
    fields?: boolean;
    subfields?: boolean;
    subfieldValues?: boolean;
    controlFieldValues?: boolean;
  }
  export class MarcRecord {
    constructor(record?: { leader: string; fields: MarcField[] }, validationOptions?: MarcValidationOptions);
    leader: string;
    fields: MarcField[];
    get(query: RegExp | string): MarcField[];
    getControlfields(): MarcControlField[];
    getDatafields(): MarcDataField[];
  }
}

declare module '@natlibfi/marc-record-serializers/dist/iso2709.js' {
  import type { MarcRecord, MarcValidationOptions } from '@natlibfi/marc-record';
  /** One record as a string of its characters, without the record terminator. */
  export function from(record: string, validationOptions?: MarcValidationOptions): MarcRecord;
  export function to(record: MarcRecord): string;
}

declare module '@natlibfi/marc-record-serializers/dist/marcxml.js' {
  import type { MarcRecord } from '@natlibfi/marc-record';
  export function to(record: MarcRecord, options?: { omitDeclaration?: boolean; indent?: boolean }): string;
}
