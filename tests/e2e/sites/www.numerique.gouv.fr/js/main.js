// Own script only; stores a preference in the site's own jar (a first-party, non-tracking cookie).
document.cookie = 'dsfr-theme=light; max-age=31536000; path=/; SameSite=Lax';
document.documentElement.dataset.siteReady = '1';
