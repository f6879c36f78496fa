// The admin's date fields take year-month-day only (relations.admin_forms.IsoDateField):
// its calendar and "Today" link write dates in that format too, whatever the language.
(function () {
  "use strict";
  const localFormat = window.get_format;
  if (typeof localFormat !== "function") {
    return;
  }
  window.get_format = function (name) {
    return name === "DATE_INPUT_FORMATS" ? ["%Y-%m-%d"] : localFormat(name);
  };
})();
