// Firefox preferences for the end-to-end runs: all traffic through the fixture server as an HTTP proxy, and the
// browser's own background traffic (updates, telemetry, push, captive portal, DNS over HTTPS …) switched off.

export function firefoxPrefs(port: number): Record<string, string | number | boolean> {
  return {
    // Every request, http and https, goes to the fixture server: absolute-form GETs for http, CONNECT for https.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    // Without this Firefox bypasses proxies for localhost and 127.0.0.1 whatever no_proxies_on says.
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.failover_direct': false,
    // Every host is a tunnel to the same proxy; the default 32 connections per proxy would queue a page with 240
    // third-party hosts behind a few dozen tunnels.
    'network.http.max-persistent-connections-per-proxy': 256,
    // No resolver traffic of its own: the proxy resolves (DNS over HTTPS off, no prefetching or speculation).
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    // The proxy speaks HTTP/1.1 over TCP only.
    'network.http.http3.enable': false,
    // Pages keep the scheme they were asked for: the redirect chain starts on http:// on purpose.
    'dom.security.https_only_mode': false,
    'dom.security.https_only_mode_pbm': false,
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'dom.security.https_first_schemeless': false,
    // Background services that would otherwise call Mozilla (through the proxy, into the logs). Remote settings
    // only honours its server pref with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment (see firefox.ts).
    'services.settings.server': 'data:,#remote-settings-disabled/v1',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': '',
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.ping-centre.telemetry': false,
    'browser.discovery.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.showPane': false,
    'geo.provider.network.url': '',
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.archive.enabled': false,
    'datareporting.usage.uploadEnabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    // Accept-Language of the pages' requests (the extension's own UI follows Firefox's UI locale, en-US here).
    'intl.accept_languages': 'fr-FR, fr',
  };
}
