"""One headless Chromium, driven through Selenium, reused for every page.

The browser is started with a fresh temporary profile and without Selenium Manager (the
chromedriver path is always explicit). Requests to any host other than the loopback site are
blocked through the DevTools protocol, and every request the page attempts is read back from
chromedriver's performance log, so third-party requests can be reported even though they fail.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import BrowserMissing
from .settings import INSTALL_HINT, View

# The headless shell first: Chromium's browser engine without the desktop browser around it,
# built for exactly this kind of work. It draws pages with the same Blink and V8 as the full
# browser of the same version: on the example site the audit found exactly the same, its
# screenshots were the same pixels, and it took about a sixth less processor time per view.
HEADLESS_SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell")
CHROMIUM_NAMES = (*HEADLESS_SHELL_NAMES, "chromium", "chromium-browser", "google-chrome",
                  "google-chrome-stable")
# The full browser needs to be told to run without a window; the headless shell has none.
FULL_BROWSER_FLAGS = ("--headless=new",)
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # Not --disable-frame-rate-limit or --disable-gpu-vsync: without frame pacing Chromium draws
    # frames as fast as it can whenever anything moves, and the audit as a whole took about a
    # third more processor time with them.
    # Scripts run only in V8's interpreter and baseline compiler: a page lives for a few
    # seconds, too short for the optimising compilers to earn back their own work, and without
    # them the audit took about a sixth less processor time (axe-core about a quarter less).
    # Optimisation never changes what a script computes.
    "--js-flags=--no-opt --no-maglev",
    # A safety net under the CDP block: names other than loopback never resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)
WEB_SCHEMES = ("http", "https", "ws", "wss", "ftp")
# Runs in every new document before the page's own scripts: each load meets a first-time
# visitor. Material remembers the palette it showed last in localStorage, and a remembered
# light palette would hide the emulated dark one. Clearing here, inside the document, cannot
# race with the page the way a clearing request sent before the navigation can.
_FORGET_STORAGE_JS = "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"
# A palette switch that follows the reader's preference: Material's form of radio buttons, one
# per palette, each naming the media query it stands for. Material reads the query once, when
# the page loads; afterwards only its own toggle (a "change" event on one of the buttons) sets
# the palette, so a change of the emulated scheme is passed on the same way. The buttons are
# not checked, just as after a load in that scheme.
_PALETTE_INPUTS = "form[data-md-component=palette] input[data-md-color-media]"
_HAS_PALETTE_JS = f"return document.querySelector({json.dumps(_PALETTE_INPUTS)}) !== null;"
_SHOW_SCHEME_JS = f"""
const inputs = [...document.querySelectorAll({json.dumps(_PALETTE_INPUTS)})];
const chosen = inputs.find((input) => matchMedia(input.getAttribute('data-md-color-media')).matches);
if (!chosen) return false;
chosen.dispatchEvent(new Event('change', {{bubbles: true}}));
return document.body.getAttribute('data-md-color-scheme') === chosen.getAttribute('data-md-color-scheme');
"""
SCRIPT_TIMEOUT_S = 60
PAGE_LOAD_TIMEOUT_S = 30
SETTLE_LIMIT_MS = 3000
# After a page load or a change of view in place: back to the top, and wait until the layout is
# final. Scripts that size parts of the page (a sidebar's height, a header) do it in the first
# animation frames, or in the frame after a resize event, and transitions that a change of width
# starts (a drawer sliding out of sight) overlap the content while they run: axe would see
# overlapping boxes and report "needs review" for contrast. So: two animation frames, then every
# finite animation finished (at most SETTLE_LIMIT_MS), then two frames again.
_SETTLE_FUNCTION_JS = r"""(limit) => {
const frames = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
const running = () => document.getAnimations().filter((a) => a.playState === 'running' &&
  Number.isFinite(a.effect && a.effect.getComputedTiming().endTime));
window.scrollTo(0, 0);
return frames().then(() => {
  const busy = running();
  const timer = new Promise((ok) => setTimeout(ok, limit));
  return busy.length ? Promise.race([Promise.all(busy.map((a) => a.finished.catch(() => null))), timer])
    : null;
}).then(frames).then(() => { window.scrollTo(0, 0); });
}"""
_SETTLE_JS = ("const done = arguments[arguments.length - 1];\n"
              f"({_SETTLE_FUNCTION_JS})(arguments[0]).then(() => done(true), () => done(false));")


def find_programs(chromium: str | None = None, chromedriver: str | None = None) -> tuple[str, str]:
    """Paths of the Chromium binary and of chromedriver; BrowserMissing says how to install them."""
    browser_path = _find_program(chromium, CHROMIUM_NAMES)
    driver_path = _find_program(chromedriver, ("chromedriver",))
    missing = [name for name, path in (("Chromium", browser_path), ("chromedriver", driver_path)) if not path]
    if missing:
        raise BrowserMissing(f"{' and '.join(missing)} not found; {INSTALL_HINT}")
    return browser_path, driver_path


def _find_program(explicit: str | None, names: tuple[str, ...]) -> str | None:
    if explicit:
        path = Path(explicit)
        return str(path) if path.is_file() else shutil.which(explicit)
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def is_headless_shell(path: str) -> bool:
    """Whether ``path`` is Chromium's headless shell rather than the full browser."""
    return any(name in Path(path).name for name in HEADLESS_SHELL_NAMES)


def build_name(path: str) -> str:
    """Which build of Chromium ``path`` is, as the audit record names it."""
    return "headless shell" if is_headless_shell(path) else "full browser"


def program_version(path: str) -> str:
    """'156.0.8078.79' from ``chromium --version``; '' if it cannot be read."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    for word in out.split():
        if word[:1].isdigit() and word.count(".") >= 2:
            return word
    return out.strip()


@dataclass
class Browser:
    """A started Chromium session plus what the audit needs from it."""

    driver: object
    profile_dir: Path
    versions: dict[str, str] = field(default_factory=dict)
    _view: View | None = None

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def start(cls, chromium: str | None = None, chromedriver: str | None = None) -> Browser:
        """Start headless Chromium with a fresh profile; BrowserMissing if it cannot."""
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service

        browser_path, driver_path = find_programs(chromium, chromedriver)
        profile_dir = Path(tempfile.mkdtemp(prefix="podium-chromium-"))
        options = Options()
        options.binary_location = browser_path
        shell = is_headless_shell(browser_path)
        if shell:
            # Tells chromedriver to open the first tab itself: the headless shell starts
            # without one, and chromedriver would otherwise wait for a tab that never comes.
            options.set_capability("browserName", "chrome-headless-shell")
        for flag in (*(() if shell else FULL_BROWSER_FLAGS), *CHROMIUM_FLAGS,
                     f"--user-data-dir={profile_dir}", "--window-size=1280,1024"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        try:
            driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        except WebDriverException as error:
            shutil.rmtree(profile_dir, ignore_errors=True)
            first_line = (error.msg or str(error)).strip().splitlines()[0]
            raise BrowserMissing(f"Chromium did not start ({first_line}); {INSTALL_HINT}") from error
        driver.set_script_timeout(SCRIPT_TIMEOUT_S)
        driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
        caps = driver.capabilities
        versions = {
            "chromium": caps.get("browserVersion", "") or program_version(browser_path),
            "chromedriver": caps.get("chrome", {}).get("chromedriverVersion", "").split(" ")[0]
            or program_version(driver_path),
            "chromium_build": build_name(browser_path),
        }
        browser = cls(driver=driver, profile_dir=profile_dir, versions=versions)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Page.enable", {})
        browser.add_script_on_new_document(_FORGET_STORAGE_JS)
        return browser

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile_dir, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- network ------------------------------------------------------------------------------

    def allow_only(self, base_url: str) -> None:
        """Block every request that does not go to ``base_url``'s origin."""
        origin = base_url.rstrip("/")
        self.driver.execute_cdp_cmd(
            "Network.setBlockedURLs",
            {"urlPatterns": [
                {"urlPattern": f"{origin}/*", "block": False},
                {"urlPattern": "*://*/*", "block": True},
            ]},
        )
        self.take_requests()  # forget the start page's own requests

    def take_requests(self) -> list[str]:
        """Web URLs requested since the previous call, in order, without repeats."""
        seen: dict[str, None] = {}
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"]).get("message", {})
            if message.get("method") != "Network.requestWillBeSent":
                continue
            url = message.get("params", {}).get("request", {}).get("url", "")
            if urlsplit(url).scheme in WEB_SCHEMES:
                seen.setdefault(url, None)
        return list(seen)

    # -- views and pages ----------------------------------------------------------------------

    @property
    def view(self) -> View | None:
        """The view set last."""
        return self._view

    def set_view(self, view: View) -> None:
        """Emulate the colour scheme and viewport of ``view``, in the loaded page and the next."""
        before = self._view
        if before is None or before.scheme != view.scheme:
            self.driver.execute_cdp_cmd(
                "Emulation.setEmulatedMedia",
                {"media": "screen", "features": [
                    {"name": "prefers-color-scheme", "value": view.scheme},
                    {"name": "prefers-reduced-motion", "value": "reduce"},
                ]},
            )
        if before is None or (before.width, before.height) != (view.width, view.height):
            self.driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": view.width, "height": view.height, "deviceScaleFactor": 1,
                 "mobile": False},
            )
        self._view = view

    def shows_scheme_in_place(self) -> bool:
        """Whether the loaded page carries a palette switch that ``show_scheme`` can work."""
        return bool(self.evaluate(_HAS_PALETTE_JS))

    def show_scheme(self) -> bool:
        """Make the loaded page show the colour scheme of the current view, as its own palette
        switch would (``_SHOW_SCHEME_JS``); False if it did not follow."""
        return bool(self.evaluate(_SHOW_SCHEME_JS))

    def settle(self) -> None:
        """Wait until the page has come to rest after a load or a change of view
        (``_SETTLE_JS``)."""
        self.driver.execute_async_script(_SETTLE_JS, SETTLE_LIMIT_MS)

    @staticmethod
    def settle_expression() -> str:
        """``settle`` as a JavaScript expression (a promise), for a script that waits for the
        page to come to rest before it does its own work: one round trip instead of two."""
        return f"({_SETTLE_FUNCTION_JS})({SETTLE_LIMIT_MS})"

    def open(self, url: str) -> None:
        """Load ``url`` afresh, without stored state (``_FORGET_STORAGE_JS``)."""
        self.driver.get(url)

    def evaluate(self, body: str, *args: object) -> object:
        """Run a JavaScript function body (``args`` as ``args[i]``) in the page through CDP.

        Cheaper than WebDriver's execute_script (one protocol round trip); JavaScript errors
        come back as RuntimeError with the page's message."""
        expression = f"(function (...args) {{ {body} \n}})(...{json.dumps(list(args))})"
        reply = self.driver.execute_cdp_cmd(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            raise RuntimeError(f"script failed in the page: {text}")
        return reply.get("result", {}).get("value")

    def add_script_on_new_document(self, source: str) -> str:
        """Run ``source`` in every document before its own scripts; returns an id to remove it."""
        reply = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        return reply["identifier"]

    def remove_script_on_new_document(self, identifier: str) -> None:
        self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": identifier})

    # -- keyboard and pixels ------------------------------------------------------------------

    def press_tab(self, times: int = 1) -> None:
        """Real Tab key presses, so the page sees keyboard modality (:focus-visible).
        chromedriver presses them one after the other from a single request."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        ActionChains(self.driver, duration=0).send_keys(Keys.TAB * times).perform()

    def screenshot(self, clip: dict | None = None) -> bytes:
        """PNG of the viewport, or of ``clip`` ({x, y, width, height} in CSS px)."""
        params: dict = {"format": "png", "optimizeForSpeed": True}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
        return base64.b64decode(data)
