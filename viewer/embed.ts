// The standalone viewer for any web page (a museum's own site): one self-contained ES module that
// defines <leeszaal-viewer>. Usage: <script type="module" src=".../leeszaal-viewer.js"></script>
// then <leeszaal-viewer manifest="https://…/manifest.json" lang="fr"></leeszaal-viewer>.
export { LeeszaalViewer } from './component/leeszaal-viewer.ts';
