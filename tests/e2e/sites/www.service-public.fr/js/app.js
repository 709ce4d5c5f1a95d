// Client-side router of the fixture single-page app. Each route may bring a third party, like a real SPA whose
// pages embed different widgets. <html data-spa-step> tells tests how far the app has gone.
(function () {
  var routes = {
    '/particuliers/vosdroits/F1234': {
      title: "Carte d'identité — Service-Public.fr",
      html: "<h1>Carte nationale d'identité</h1><p>Comment faire la demande.</p>",
      load: function () {
        window.hj = window.hj || function () { (window.hj.q = window.hj.q || []).push(arguments); };
        window._hjSettings = { hjid: 3141592, hjsv: 6 };
        var s = document.createElement('script');
        s.async = true;
        s.src = 'https://static.hotjar.com/c/hotjar-3141592.js?sv=6';
        document.head.appendChild(s);
      },
    },
    '/particuliers/vosdroits/F5678': {
      title: 'Passeport — Service-Public.fr',
      html: '<h1>Passeport</h1><p>La démarche en vidéo :</p>',
      load: function (view) {
        var frame = document.createElement('iframe');
        frame.width = '560';
        frame.height = '315';
        frame.title = 'La démarche en vidéo';
        frame.src = 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE';
        view.appendChild(frame);
      },
    },
  };
  var steps = ['/particuliers/vosdroits/F1234', '/particuliers/vosdroits/F5678'];

  function show(path) {
    var route = routes[path];
    if (!route) return;
    window.history.pushState({ path: path }, '', path);
    document.title = route.title;
    var view = document.getElementById('view');
    view.innerHTML = route.html;
    route.load(view);
    document.documentElement.dataset.spaStep = String(steps.indexOf(path) + 1);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-spa-link]');
    if (!link) return;
    event.preventDefault();
    show(link.getAttribute('href'));
  });

  if (!/[?&]manual=1/.test(location.search)) {
    setTimeout(function () { show(steps[0]); setTimeout(function () { show(steps[1]); }, 700); }, 500);
  }
})();
