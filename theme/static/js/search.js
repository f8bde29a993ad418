/* The search page only (templates/search.html), loaded after Pagefind's Component UI script:
   Pagefind's ranking options, and a search given in the address (?q=).

   Ranking: Pagefind 1.5 also searches a page's metadata and adds a bonus when the search
   matches it (its title by default, with weight 5). A page's search words (content/data/
   search-words.yml) are given to it as the metadata field "keywords" (partials/
   search_words.html), which this weighs twice as much
   as a title, so a page comes first for the words people use for it: Emergency help for "988",
   ahead of a news post with 988 in its title. tests/search_queries.yml checks the result.

   Pagefind's documented PagefindComponents.configureInstance() only counts before the
   components connect, which means loading both scripts without `defer`, blocking the page. The
   components' instance reads these options when it loads Pagefind, on the first search, so
   setting them here (deferred, before the box can be typed in) is in time. If a new Pagefind
   renames this, the search still works with Pagefind's own ranking, and the query table fails. */
(function () {
  "use strict";

  var components = window.PagefindComponents;
  if (!components || !components.getInstanceManager) {
    return;
  }
  var search = components.getInstanceManager().getInstance("default");
  var options = search.pagefindOptions || (search.pagefindOptions = {});
  options.ranking = Object.assign({}, options.ranking, {
    metaWeights: { title: 5, keywords: 10 }
  });

  /* A search sent here from a form (the 404 page's box: /search/?q=words) is run as if typed,
     so the box shows the words and the results follow. */
  var words = "";
  try {
    words = (new URLSearchParams(window.location.search).get("q") || "").trim();
  } catch (error) {
    return;
  }
  var box = document.querySelector("pagefind-input input");
  if (words && box) {
    box.value = words;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
})();
