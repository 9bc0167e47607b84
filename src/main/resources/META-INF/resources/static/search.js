// Super Search: an "add a row" button. The form works without it (empty rows are already there).
document.addEventListener('DOMContentLoaded', function () {
  var rows = document.getElementById('rows');
  if (!rows) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'add-row';
  button.textContent = 'Add a row';
  button.addEventListener('click', function () {
    var all = rows.querySelectorAll('.row');
    var last = all[all.length - 1];
    var copy = last.cloneNode(true);
    var n = all.length;
    copy.setAttribute('data-row', String(n));
    copy.querySelectorAll('select, input').forEach(function (el) {
      var base = el.name;
      el.id = base + n;
      if (el.tagName === 'INPUT') el.value = ''; else el.selectedIndex = 0;
    });
    copy.querySelectorAll('label').forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(/\d+$/, String(n));
    });
    rows.appendChild(copy);
  });
  rows.appendChild(button);
});
