// Podium's search worker, started by Material's page script on every page view in place of
// Material's own. It answers at once that search is ready, and only when the reader types the
// first search words does it load the pages' text (search/search_index.full.json) and start
// Material's search worker (named in this script's address: ?worker=…) to which it then hands
// every query. A page view without a search loads neither.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   // Material's message types
var INDEX = new URL("../../../search/search_index.full.json", self.location.href);
var WORKER = new URL(self.location.href).searchParams.get("worker");
var options = {};
var search = null;   // a promise of Material's worker, from the first search on

function start() {
  return new Promise(function (resolve, reject) {
    var worker = new Worker(WORKER);
    worker.onmessage = function (event) {
      if (event.data.type !== READY) return;
      worker.onmessage = function (answer) { self.postMessage(answer.data); };
      resolve(worker);
    };
    worker.onerror = reject;
    fetch(INDEX)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + INDEX);
        return response.json();
      })
      .then(function (index) {
        worker.postMessage({type: SETUP, data: {config: index.config, docs: index.docs, options: options}});
      })
      .catch(reject);
  });
}

self.onmessage = function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    options = message.data.options || {};
    self.postMessage({type: READY});
  } else if (message.type === QUERY) {
    if (search === null && !message.data.trim()) {
      self.postMessage({type: RESULT, data: {items: []}});
      return;
    }
    search = search || start();
    search.then(
      function (worker) { worker.postMessage(message); },
      function () {
        search = null;   // try again with the next query
        self.postMessage({type: RESULT, data: {items: []}});
      });
  }
};
