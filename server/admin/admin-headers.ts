// Response headers of every /admin response: a strict content security policy (files from this site
// only, nothing inline, no framing), never cached or indexed, no referrer leaving the site (the
// set-password link is a secret in the URL; `no-referrer` would also make Chromium send `Origin: null`
// with the workspace's own forms, which the CSRF check rightly refuses), and none of the public site's
// open CORS.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const strict = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Previews show the site's own images and pages; thumbnails of a file being uploaded are blobs.
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      frameSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
});

export const adminHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  strict(req, res, next);
};
