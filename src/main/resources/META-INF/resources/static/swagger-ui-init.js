// Starts Swagger UI on /q/swagger-ui/ (io.breakwater.web.SwaggerUiPage): kept out of the page so that the
// Content-Security-Policy (script-src 'self') holds there too.
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    // The Auth-Token entered under "Authorize" is forgotten with the page, never kept in local storage.
    persistAuthorization: false,
    // No third-party validator badge: the page talks to this server only.
    validatorUrl: null,
    // BaseLayout: without the top bar, whose logo carries an inline style the CSP would refuse.
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'BaseLayout'
  });
});
