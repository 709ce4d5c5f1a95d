// The city's own script: marks the page as ready (no network).
document.documentElement.dataset.siteReady = '1';
