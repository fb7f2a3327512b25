"""axe-core in the page: load it, check the configuration, run it, and surface its errors.

axe-selenium-python 2.1.6 ships axe-core 3.1.1 (2018), so the ``Axe`` object is always given the
current axe-core from node_modules as ``script_url`` (a local file path; ``inject()`` reads it).
By default the same file is preloaded through CDP ``Page.addScriptToEvaluateOnNewDocument``,
which skips the per-page injection; ``Axe.inject()`` remains the fallback whenever a page comes
up without ``window.axe``. ``Axe.run()`` has no error path (a rejected ``axe.run`` waits for the
script timeout), so the run itself goes through ``execute_async_script`` with ``.then(ok, err)``
and the options travel as JSON text.
"""

from __future__ import annotations

import json
from pathlib import Path

from axe_selenium_python import Axe

from .errors import AxeConfigError, AxeMissing

MAX_NODES_PER_RULE = 30
MAX_HTML_CHARS = 160

# Runs axe and returns only what the report needs: smaller messages cross the wire faster.
# /*BEFORE*/ (a promise: e.g. waiting for the page to settle) and /*AFTER*/ (an object of the results of
# other page scripts, run whatever axe's outcome) are filled in by ``view_script``, so that a
# view takes one round trip to the browser.
_RUN_JS = r"""
const done = arguments[arguments.length - 1];
const options = JSON.parse(arguments[0]);
const maxNodes = arguments[1], maxHtml = arguments[2];
const messages = (n) => [...(n.any || []), ...(n.all || []), ...(n.none || [])]
  .map((c) => c.message).filter(Boolean).slice(0, 3);
const shrink = (rule) => ({
  id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl, tags: rule.tags,
  nodeCount: rule.nodes.length,
  nodes: rule.nodes.slice(0, maxNodes).map((n) => ({
    target: n.target, html: (n.html || '').slice(0, maxHtml), impact: n.impact,
    summary: n.failureSummary || '', messages: messages(n),
  })),
});
const failed = (e) => ({error: String((e && e.message) || e)});
const check = () => {
  if (typeof window.axe !== 'object') return {missing: true};
  return axe.run(document, options).then((r) => ({ok: {
    version: r.testEngine.version,
    violations: r.violations.map(shrink),
    incomplete: r.incomplete.map(shrink),
    passes: r.passes.length, inapplicable: r.inapplicable.length,
  }}), failed);
};
const after = () => (/*AFTER*/);
Promise.resolve(/*BEFORE*/).then(check, failed).then((outcome) => {
  try { outcome.after = after(); } catch (e) { outcome.afterError = String((e && e.message) || e); }
  done(outcome);
}, (e) => done(failed(e)));
"""


def view_script(before: str = "", after: dict[str, str] | None = None) -> str:
    """``_RUN_JS`` that first awaits ``before`` (a JavaScript expression) and then runs each
    function body of ``after`` (name -> body ending in ``return``) in the page."""
    bodies = ", ".join(f"{json.dumps(name)}: (() => {{\n{body}\n}})()"
                       for name, body in (after or {}).items())
    head, tail = _RUN_JS.split("/*BEFORE*/")
    return head.replace("/*AFTER*/", "{" + bodies + "}") + (before or "null") + tail


_RULES_JS = "return axe.getRules().map((r) => ({id: r.ruleId, tags: r.tags}));"


class AxeRunner:
    """axe-core for one browser session: ``prepare`` once, then ``run`` after each page load."""

    def __init__(self, browser, script: Path, tags: tuple[str, ...],
                 rules: tuple[str, ...] = (), preload: bool = True):
        if not Path(script).is_file():
            raise AxeMissing(
                f"{script} not found; run `./run.sh setup` (or `npm ci`) to install axe-core"
            )
        self.browser = browser
        self.script = Path(script)
        self.tags = tuple(tags)
        self.rules = tuple(rules)  # rule ids that runs may ask for by name
        self.preload = preload
        self.axe = Axe(browser.driver, script_url=str(self.script))
        self.version = ""
        self.rule_count = 0
        self._checked = False
        self._preload_id: str | None = None

    def prepare(self) -> None:
        """Preload axe into every new document (if chosen)."""
        if self.preload:
            source = self.script.read_text(encoding="utf-8")
            self._preload_id = self.browser.add_script_on_new_document(source)

    def forget(self) -> None:
        """Stop preloading (a reused browser may audit another site with another axe)."""
        if self._preload_id:
            self.browser.remove_script_on_new_document(self._preload_id)
            self._preload_id = None

    def ensure_loaded(self) -> None:
        """Inject axe through axe-selenium-python if the page has none yet."""
        if not self.browser.evaluate("return typeof window.axe === 'object';"):
            self.axe.inject()

    def check_configuration(self) -> None:
        """Refuse tags or rule ids that the loaded axe does not know: they would run 0 rules."""
        if self._checked:
            return
        known = self.browser.driver.execute_script(_RULES_JS)
        self.version = self.browser.driver.execute_script("return axe.version;")
        problems = unknown_names(known, self.tags, self.rules)
        if problems:
            raise AxeConfigError(f"axe-core {self.version} " + "; ".join(problems))
        self.rule_count = sum(1 for rule in known if set(rule["tags"]) & set(self.tags))
        self._checked = True

    def run(self, only_rules: tuple[str, ...] | None = None, *, before: str = "",
            after: dict[str, str] | None = None) -> dict:
        """axe results for the loaded page: {ok: {...}} or {error: "..."}, plus under "after"
        the results of the page scripts ``after`` (``view_script``; RuntimeError if one fails).

        The first run checks the configuration (AxeConfigError for an unknown tag or rule).
        If the page has no axe yet (preloading off, or it did not take), axe-selenium-python
        injects it and the run is repeated once."""
        outcome = self._run(only_rules, before, after)
        if outcome.get("missing"):
            self.axe.inject()
            outcome = self._run(only_rules, "", after)
        if "afterError" in outcome:
            raise RuntimeError(f"script failed in the page: {outcome['afterError']}")
        if outcome.get("missing"):
            return {"error": "axe-core could not be loaded into the page", "after": outcome["after"]}
        return outcome

    def _run(self, only_rules: tuple[str, ...] | None, before: str,
             after: dict[str, str] | None) -> dict:
        if not self._checked:  # first page: make sure axe is there, then check tags and rules
            if before:
                self.browser.driver.execute_async_script(
                    "const done = arguments[0]; Promise.resolve(" + before + ").then(done, done);")
                before = ""
            self.ensure_loaded()
            self.check_configuration()
        options = axe_options(self.tags, only_rules)
        return self.browser.driver.execute_async_script(
            view_script(before, after), json.dumps(options), MAX_NODES_PER_RULE, MAX_HTML_CHARS
        )


def axe_options(tags: tuple[str, ...], only_rules: tuple[str, ...] | None = None) -> dict:
    """axe.run options: every rule of ``tags``, or just ``only_rules``."""
    run_only = (
        {"type": "rule", "values": list(only_rules)}
        if only_rules
        else {"type": "tag", "values": list(tags)}
    )
    return {"runOnly": run_only, "resultTypes": ["violations", "incomplete"]}


def unknown_names(known_rules: list[dict], tags: tuple[str, ...], rules: tuple[str, ...]) -> list[str]:
    """Human-readable problems for tags and rule ids that no loaded rule carries."""
    known_tags = {tag for rule in known_rules for tag in rule["tags"]}
    known_ids = {rule["id"] for rule in known_rules}
    problems = []
    missing_tags = [tag for tag in tags if tag not in known_tags]
    if missing_tags:
        problems.append(
            "knows no rule tagged " + ", ".join(repr(t) for t in missing_tags)
            + " (a misspelt tag silently runs no rule; check the spelling)"
        )
    missing_rules = [rule for rule in rules if rule not in known_ids]
    if missing_rules:
        problems.append("has no rule " + ", ".join(repr(r) for r in missing_rules))
    return problems
