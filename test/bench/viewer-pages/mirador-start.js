// Opens the manifest named in `?manifest=` in one Mirador window, as a reader would see it.
const manifestId = new URLSearchParams(location.search).get('manifest');
window.Mirador.viewer({
  id: 'mirador',
  windows: [{ manifestId, thumbnailNavigationPosition: 'far-bottom' }],
  workspaceControlPanel: { enabled: false },
});
