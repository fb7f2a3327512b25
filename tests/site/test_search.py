"""Search in a real Chromium: a page view loads only the search settings; the pages' text is
loaded when the reader searches, and the results come in the page's language."""
from __future__ import annotations

import functools
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from macros.audit.browser import Browser
from macros.site.build import build_site
from macros.site.search_index import FULL_INDEX, INDEX

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("search") / "site")


@pytest.fixture(scope="module")
def served(built):
    """The built site on 127.0.0.1, with the list of paths that browsers asked for."""
    asked: list[str] = []

    class Recording(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recording, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    started = Browser.start()
    yield started
    started.close()


def wait_for(check, seconds: float = 20):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return check()


def test_the_search_index_keeps_only_its_settings_for_every_page_view(built):
    for lang in ("nl", "en"):
        small = json.loads((built / lang / INDEX).read_text(encoding="utf-8"))
        full = json.loads((built / lang / FULL_INDEX).read_text(encoding="utf-8"))
        assert small == {"config": full["config"], "docs": []}
        assert full["config"]["lang"] == [lang] and len(full["docs"]) > 50


@pytest.mark.parametrize("lang,word,title,count_words", [
    ("nl", "beloven", "Wat we beloven", "overeenkomende documenten"),
    ("en", "commit", "What we commit to", "matching documents"),
])
def test_search_loads_the_pages_text_only_when_the_reader_searches(served, browser, lang, word, title,
                                                                   count_words):
    base, asked = served
    asked.clear()
    browser.open(f"{base}{lang}/")
    # Material starts the search worker and hands it the settings after the page has loaded.
    assert wait_for(lambda: f"/{lang}/{INDEX}" in asked)
    time.sleep(1)
    assert not [path for path in asked if "full" in path or "lunr" in path]

    field = browser.driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    field.click()
    field.send_keys(word)
    results = wait_for(lambda: browser.driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    assert results and any(title in item.text for item in results)
    assert count_words in browser.driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    assert f"/{lang}/{FULL_INDEX}" in asked
    assert browser.driver.get_log("browser") == []   # no error in the console
