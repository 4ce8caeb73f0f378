// Opens the manifest named in `?manifest=` in one Mirador window, as a reader would see it, at the
// canvas named in `?canvas=` if given (else the first). The instance is kept as window.mirador.
const params = new URLSearchParams(location.search);
const manifestId = params.get('manifest');
const canvasId = params.get('canvas') ?? undefined;
window.mirador = window.Mirador.viewer({
  id: 'mirador',
  windows: [{ manifestId, canvasId, thumbnailNavigationPosition: 'far-bottom' }],
  workspaceControlPanel: { enabled: false },
});
