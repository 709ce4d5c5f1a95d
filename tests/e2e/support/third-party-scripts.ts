// Browser-side bodies of the imitated third parties: small scripts and embed pages that make the same follow-up
// requests, and write the same first-party cookies, as the real services do. Written for this project; they only
// reproduce the network and cookie behaviour the extension observes.

const GA_COOKIE_AGE = 63072000; // two years, what gtag.js writes
const FBP_COOKIE_AGE = 7776000; // 90 days
const YOUTUBE_PLAYER_VERSION = '4fcd6e4a';
const RECAPTCHA_VERSION = 'lqsTZ5beIbCkK4uGEGv9JmUR';

/** JavaScript expression for the cookie domain gtag.js and fbevents.js pick: the host without a leading www. */
const SITE_COOKIE_DOMAIN = `location.hostname.replace(/^www\\./, '')`;

/** gtm.js: the container starts its dataLayer and loads the GA4 tag it is configured with. */
export function googleTagManagerJs(containerId: string): string {
  const measurementId = `G-${containerId.replace(/^GTM-/, '').toUpperCase()}`;
  return `(function () {
  var w = window;
  w.dataLayer = w.dataLayer || [];
  w.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://www.googletagmanager.com/gtag/js?id=${measurementId}&l=dataLayer&cx=c';
  document.head.appendChild(s);
})();
`;
}

/** gtag/js: writes _ga (and the stream's _ga_<id>) into the site's own jar, then beacons a page_view. */
export function gtagJs(measurementId: string): string {
  const stream = measurementId.replace(/^G-/, '');
  return `(function () {
  var domain = ${SITE_COOKIE_DOMAIN};
  var now = Math.floor(Date.now() / 1000);
  var found = document.cookie.match(/(?:^|; )_ga=GA1\\.\\d\\.([^;]*)/);
  var clientId = found ? found[1] : Math.floor(Math.random() * 2147483647) + '.' + now;
  if (!found) document.cookie = '_ga=GA1.1.' + clientId + '; max-age=${GA_COOKIE_AGE}; path=/; domain=' + domain;
  document.cookie = '_ga_${stream}=GS1.1.' + now + '.1.0.' + now + '.0.0.0; max-age=${GA_COOKIE_AGE}; path=/; domain=' + domain;
  var url = 'https://www.google-analytics.com/g/collect?v=2&tid=${measurementId}&gtm=45je5a10&_p=' + Date.now() +
    '&cid=' + clientId + '&ul=' + (navigator.language || 'fr').toLowerCase() + '&sr=' + screen.width + 'x' + screen.height +
    '&sid=' + now + '&sct=1&seg=0&dl=' + encodeURIComponent(location.href) + '&dt=' + encodeURIComponent(document.title) +
    '&en=page_view&_fv=1&_ss=1';
  if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
    fetch(url, { method: 'POST', mode: 'no-cors', keepalive: true, credentials: 'include' });
  }
})();
`;
}

/** fbevents.js: reads the fbq queue of the page's snippet, writes _fbp, loads the pixel config, sends PageView. */
export function facebookEventsJs(): string {
  return `(function () {
  var queue = (window.fbq && window.fbq.queue) || [];
  var pixelId = null;
  queue.forEach(function (call) { if (call[0] === 'init') pixelId = call[1]; });
  if (!pixelId) return;
  var found = document.cookie.match(/(?:^|; )_fbp=([^;]*)/);
  var fbp = found ? found[1] : 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647);
  if (!found) document.cookie = '_fbp=' + fbp + '; max-age=${FBP_COOKIE_AGE}; path=/; domain=' + ${SITE_COOKIE_DOMAIN};
  var config = document.createElement('script');
  config.async = true;
  config.src = 'https://connect.facebook.net/signals/config/' + pixelId + '?v=2.9.200&r=stable&domain=' + location.hostname;
  document.head.appendChild(config);
  function send(eventName) {
    new Image().src = 'https://www.facebook.com/tr/?id=' + pixelId + '&ev=' + encodeURIComponent(eventName) +
      '&dl=' + encodeURIComponent(location.href) + '&rl=' + encodeURIComponent(document.referrer) +
      '&if=false&ts=' + Date.now() + '&sw=' + screen.width + '&sh=' + screen.height + '&v=2.9.200&r=stable&fbp=' + fbp;
  }
  queue.forEach(function (call) { if (call[0] === 'track') send(call[1]); });
  window.fbq.callMethod = function (method, eventName) { if (method === 'track') send(eventName); };
})();
`;
}

/** recaptcha/api.js: loads the versioned release script in the page's language. */
export function recaptchaApiJs(): string {
  return `(function () {
  var lang = (document.documentElement.lang || 'en').slice(0, 2);
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://www.gstatic.com/recaptcha/releases/${RECAPTCHA_VERSION}/recaptcha__' + lang + '.js';
  document.head.appendChild(s);
})();
`;
}

/** The release script renders the "I'm not a robot" anchor frame into every .g-recaptcha element. */
export function recaptchaReleaseJs(): string {
  return `(function () {
  var boxes = document.querySelectorAll('.g-recaptcha');
  for (var i = 0; i < boxes.length; i++) {
    var frame = document.createElement('iframe');
    frame.title = 'reCAPTCHA';
    frame.width = '304';
    frame.height = '78';
    frame.src = 'https://www.google.com/recaptcha/api2/anchor?ar=1&k=' + encodeURIComponent(boxes[i].getAttribute('data-sitekey') || '') +
      '&co=' + btoa(location.origin + ':443').replace(/=/g, '.') + '&hl=' + (document.documentElement.lang || 'en') +
      '&v=${RECAPTCHA_VERSION}&size=normal&cb=' + Math.random().toString(36).slice(2);
    boxes[i].appendChild(frame);
  }
})();
`;
}

export function recaptchaAnchorHtml(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>reCAPTCHA</title>
<link rel="stylesheet" href="https://www.gstatic.com/recaptcha/releases/${RECAPTCHA_VERSION}/styles__ltr.css">
</head><body><div class="rc-anchor">Je ne suis pas un robot</div></body></html>
`;
}

/**
 * A YouTube embed page. The youtube.com one also reaches DoubleClick (ad status, ad id), as the real one does; the
 * youtube-nocookie.com one only loads its player and thumbnail.
 */
export function youtubeEmbedHtml(host: string, videoId: string): string {
  const nocookie = host.endsWith('youtube-nocookie.com');
  const player = `https://${host}/s/player/${YOUTUBE_PLAYER_VERSION}`;
  const ads = nocookie
    ? ''
    : `<script async src="https://static.doubleclick.net/instream/ad_status.js"></script>
<script>
fetch('https://googleads.g.doubleclick.net/pagead/id', { credentials: 'include' }).catch(function () {});
</script>`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>YouTube</title>
<link rel="stylesheet" href="${player}/www-player.css">
<script src="${player}/www-embed-player.vflset/www-embed-player.js"></script>
<script src="${player}/player_ias.vflset/fr_FR/base.js"></script>
</head><body style="margin:0;background:#000">
<img src="https://i.ytimg.com/vi/${videoId}/hqdefault.jpg" alt="" width="480" height="360">
${ads}
<script>navigator.sendBeacon('/youtubei/v1/log_event?alt=json', '{}');</script>
</body></html>
`;
}

export function googleMapsEmbedHtml(): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Google Maps</title>
<script src="https://maps.googleapis.com/maps/api/js?client=google-maps-embed&paint_origin=&libraries=geometry,search&v=weekly&loading=async&language=fr&region=fr&callback=onApiLoad"></script>
</head><body style="margin:0">
<img alt="" src="https://maps.googleapis.com/maps/vt?pb=!1m5!1m4!1i15!2i16597!3i11273!4i256!2m3!1e0!2sm!3i732446211!3m7!2sfr!3sFR!5e18!12m1!1e68!4e0">
<img alt="" src="https://maps.googleapis.com/maps/vt?pb=!1m5!1m4!1i15!2i16598!3i11273!4i256!2m3!1e0!2sm!3i732446211!3m7!2sfr!3sFR!5e18!12m1!1e68!4e0">
<img alt="Google" src="https://maps.gstatic.com/mapfiles/api-3/images/google_white5.png">
</body></html>
`;
}

export function openStreetMapEmbedHtml(): string {
  const tiles = [
    [16597, 11272], [16598, 11272], [16597, 11273], [16598, 11273],
  ].map(([x, y]) => `<img alt="" src="https://tile.openstreetmap.org/15/${x}/${y}.png" width="256" height="256">`);
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>OpenStreetMap</title>
<link rel="stylesheet" href="/assets/embed-6a2b3c4d5e6f.css">
<script src="/assets/embed-1f2e3d4c5b6a.js"></script>
</head><body style="margin:0">
${tiles.join('\n')}
</body></html>
`;
}

export function dailymotionEmbedHtml(videoId: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Dailymotion</title>
<link rel="stylesheet" href="https://static1.dmcdn.net/playerv5/dmp.theme.8c3b1d.css">
<script src="https://static1.dmcdn.net/playerv5/dmp.main.6f3bc9e2.es5.js"></script>
</head><body style="margin:0;background:#000">
<img alt="" src="https://s1.dmcdn.net/v/W4Zb61cRkPpdgYhQ0/x240?video=${videoId}" width="427" height="240">
</body></html>
`;
}

/** matomo.js from Matomo Cloud: first-party _pk_id / _pk_ses cookies, then a tracking pixel to the instance. */
export function matomoJs(): string {
  return `(function () {
  var queue = window._paq || [];
  var trackerUrl = null, siteId = null;
  queue.forEach(function (call) {
    if (call[0] === 'setTrackerUrl') trackerUrl = call[1];
    if (call[0] === 'setSiteId') siteId = call[1];
  });
  if (!trackerUrl || !siteId) return;
  var visitor = Math.random().toString(16).slice(2, 18);
  var now = Math.floor(Date.now() / 1000);
  document.cookie = '_pk_id.' + siteId + '.8f1c=' + visitor + '.' + now + '.; max-age=33955200; path=/; SameSite=Lax';
  document.cookie = '_pk_ses.' + siteId + '.8f1c=1; max-age=1800; path=/; SameSite=Lax';
  new Image().src = trackerUrl + '?action_name=' + encodeURIComponent(document.title) + '&idsite=' + siteId +
    '&rec=1&r=' + Math.floor(Math.random() * 1e6) + '&_id=' + visitor + '&url=' + encodeURIComponent(location.href) +
    '&send_image=1';
})();
`;
}

/** hotjar-<id>.js: session cookies in the site's jar, then the recorder modules from script.hotjar.com. */
export function hotjarJs(siteId: string): string {
  return `(function () {
  document.cookie = '_hjSessionUser_${siteId}=' + btoa(JSON.stringify({ id: Math.random().toString(16).slice(2), created: Date.now(), existing: false })) + '; max-age=31536000; path=/';
  document.cookie = '_hjSession_${siteId}=' + btoa(JSON.stringify({ id: Math.random().toString(16).slice(2), c: Date.now() })) + '; max-age=1800; path=/';
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://script.hotjar.com/modules.4a3c8b1e9f2d7a6c5b0e.js';
  document.head.appendChild(s);
})();
`;
}
