// Copy buttons for values people paste into bugs and chats (crash id, signature). Without script, or
// without a clipboard, the values stay selectable text.
document.addEventListener('DOMContentLoaded', function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll('[data-copy]').forEach(function (el) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    if (el.id) button.id = 'copy-' + el.id;
    button.textContent = 'Copy';
    button.title = 'Copy to the clipboard';
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(el.getAttribute('data-copy')).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 2000);
      }, function () {
        button.textContent = 'Copy failed';
      });
    });
    el.insertAdjacentElement('afterend', button);
  });
});
