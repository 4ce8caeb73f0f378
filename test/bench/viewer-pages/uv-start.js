// Opens the manifest named in `?manifest=` in Universal Viewer, at the canvas index `?cv=` (else
// the first), filling the window. UV's own uv.html does this in an inline script, which the
// server's Content-Security-Policy refuses.
const params = new URLSearchParams(location.search);
const uvElement = document.getElementById('uv');
uvElement.style.width = `${window.innerWidth}px`;
uvElement.style.height = `${window.innerHeight}px`;
window.uv = window.UV.init('uv', {
  manifest: params.get('manifest'),
  canvasIndex: Number(params.get('cv') ?? 0),
  embedded: true,
});
