/* pelican-nested-navigation: the main menu's drop-downs and the narrow-screen "Menu" button, the WAI-ARIA Authoring
   Practices "disclosure navigation" pattern. Progressive: without JavaScript every list is
   shown and the stylesheet shows no button, so nothing depends on it. It is the only script the
   site loads, and it touches nothing outside the menu. */
(function () {
  "use strict";

  var nav = document.querySelector(".site-nav");
  if (!nav || !("hidden" in nav) || !nav.addEventListener) {
    return;
  }
  var toggle = nav.querySelector(".nav-toggle");
  var buttons = Array.prototype.slice.call(nav.querySelectorAll(".site-nav__button"));

  function isOpen(button) {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(button, open) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (list) {
      list.hidden = !open;
    }
  }

  function closeAll(except) {
    buttons.forEach(function (button) {
      if (button !== except && isOpen(button)) {
        setOpen(button, false);
      }
    });
  }

  nav.classList.add("site-nav--js");
  buttons.forEach(function (button) {
    setOpen(button, false); // the lists are shown without JavaScript; closed from here on
    button.addEventListener("click", function () {
      var open = !isOpen(button);
      closeAll(button); // one drop-down at a time
      setOpen(button, open);
    });
  });

  // Close the drop-downs when focus leaves the whole menu, as the APG example does. Not when
  // it moves inside the menu: on a phone, closing one list as another button takes focus would
  // move that button before the tap's click arrives. A null relatedTarget (Safari does not
  // focus a tapped button) is left to the click handler below.
  nav.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !nav.contains(event.relatedTarget)) {
      closeAll(null);
    }
  });

  // Narrow screens: the list waits behind "Menu" (site.css decides what is narrow and hides
  // the list from the first paint; on wide screens the button is not displayed).
  if (toggle) {
    nav.classList.add("site-nav--collapsible");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("site-nav--open", open);
    });
  }

  // Escape closes the open drop-down and returns focus to its button; with none open, it closes
  // the narrow-screen menu and returns focus to "Menu".
  nav.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var open = buttons.filter(isOpen)[0];
    if (open) {
      setOpen(open, false);
      open.focus();
      event.preventDefault();
    } else if (toggle && toggle.getAttribute("aria-expanded") === "true" && toggle.offsetParent !== null) {
      toggle.click();
      toggle.focus();
      event.preventDefault();
    }
  });

  // A click anywhere outside the menu closes its drop-downs.
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) {
      closeAll(null);
    }
  });
}());
