"""The review pages in a real browser (issue 19, part 2): Debian's headless Chromium, driven by selenium through
Debian's chromedriver (selenium is given the driver, so it downloads nothing), against a real `vnkg serve` on
127.0.0.1. Chromium resolves no other host, and its own network log shows that no request leaves 127.0.0.1.
Screenshots of an article page and an entity page go to test-artifacts/ (VNKG_TEST_ARTIFACTS to choose)."""
import json
import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

from conftest import ROOT, run_vnkg
from vnkg.text import name_key
from test_hardening_serve import Served

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are not "
                                "installed (apt-get install chromium chromium-driver; .ci/run does)")
ARTIFACTS = Path(os.environ.get("VNKG_TEST_ARTIFACTS", ROOT / "test-artifacts"))
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ID = "https://w3id.org/vnkg/id/"
# the paths of two persons of the bundled article (a person's key keeps the name's letters: vnkg.text.name_key)
TRIEU_DINH_LE = f"/id/person/cao-bang/{name_key('Triệu Đình Lê')}"
BE_THANH_TINH = f"/id/person/cao-bang/{name_key('Bế Thanh Tịnh')}"



@pytest.fixture(scope="module")
def server(seed_build, escaping_build):
    served = Served(seed_build, "--data", str(escaping_build), "--workers", "2")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps",
                     "--disable-extensions", "--metrics-recording-only", "--no-pings",
                     # no name resolves but 127.0.0.1's: nothing a page asks for could leave the machine
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def requested(browser) -> list[str]:
    """The URLs the browser asked for since the last call (Chromium's DevTools network events)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def article_path(build: Path) -> str:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    [quad] = list(store.quads_for_pattern(None, ox.NamedNode(NIF + "isString"), None))
    return "/id/" + quad.subject.value[len(ID):]


def quotes(build: Path) -> dict[str, str]:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = store.query(f"""SELECT DISTINCT ?b ?e ?q WHERE {{ ?m <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?e ;
        <{NIF}anchorOf> ?q . ?f <https://w3id.org/vnkg/ontology#denotedBy> ?m . ?f a ?type .
        FILTER(?type != <https://w3id.org/vnkg/ontology#Article>) }}""")
    return {f"m-{r['b'].value}-{r['e'].value}": r["q"].value for r in rows}


def open_page(browser, server, path: str) -> None:
    browser.get(f"http://127.0.0.1:{server.port}{path}")
    # measure the page once its fonts are in and laid out: a fallback font's wider glyphs once made the phone
    # layout 2 px too wide
    browser.execute_async_script("document.fonts.ready.then(() => requestAnimationFrame(() => arguments[0]()))")


def test_highlighted_spans_are_the_facts_quotes(browser, server, seed_build):
    open_page(browser, server, article_path(seed_build))
    texts = browser.execute_script("""
        const spans = {};
        for (const mark of document.querySelectorAll('article mark[data-span]')) {
            // a span cut where it crosses another is in pieces; the outermost piece's text holds nested ones
            if (mark.parentElement.closest('mark[data-span="' + mark.dataset.span + '"]')) continue;
            spans[mark.dataset.span] = (spans[mark.dataset.span] || '') + mark.textContent;
        }
        return spans;""")
    assert texts == quotes(seed_build)
    kinds = set(browser.execute_script(
        "return [...document.querySelectorAll('article mark')].map(m => m.className)"))
    assert {"k-person", "k-organization", "k-document", "k-award", "k-statistic"} <= kinds
    legend = browser.find_element(By.CSS_SELECTOR, ".legend").text
    for word in ("Người", "Tổ chức", "Chức vụ", "Văn bản", "Sự kiện", "Khen thưởng", "Số liệu"):
        assert word in legend
    # a highlight is visible: its background is the kind's colour, not transparent
    colour = browser.execute_script("return getComputedStyle(document.querySelector('mark.k-person')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_keyboard_focus_reveals_the_fact(browser, server, seed_build):
    open_page(browser, server, article_path(seed_build))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(40):             # past the skip links and the menu, to the first span
        active = browser.switch_to.active_element
        if active.tag_name == "mark":
            break
        active.send_keys(Keys.TAB)
    assert active.tag_name == "mark", "Tab never reached a highlighted span"
    shown = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", active)
    fact = active.get_attribute("data-fact")
    assert fact and shown.strip('"') == fact
    # not shown when the span has no focus (nor the mouse)
    browser.execute_script("arguments[0].blur()", active)
    assert browser.execute_script("return getComputedStyle(arguments[0], '::after').content", active) == "none"
    # the fact list entry that describes it names the same fact
    described = active.get_attribute("aria-describedby").split()[0]
    entry = browser.find_element(By.ID, described).text
    assert fact.split(": ", 1)[1].split(" · ")[0] in entry


def test_hovering_a_span_reveals_its_fact(browser, server, seed_build):
    from selenium.webdriver import ActionChains

    open_page(browser, server, article_path(seed_build))
    mark = browser.find_element(By.CSS_SELECTOR, "article mark.k-person")
    assert browser.execute_script("return getComputedStyle(arguments[0], '::after').content", mark) == "none"
    ActionChains(browser).move_to_element(mark).perform()
    shown = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", mark)
    assert shown.strip('"') == mark.get_attribute("data-fact") and mark.get_attribute("data-fact").startswith("Người: ")


def test_a_fact_links_to_its_span(browser, server, seed_build):
    open_page(browser, server, article_path(seed_build))
    links = browser.find_elements(By.CSS_SELECTOR, "#facts a.to-span")
    assert links
    link = links[-1]        # the last: far down the page, so following it must scroll
    anchor = link.get_attribute("href").split("#")[1]
    link.send_keys(Keys.ENTER)      # from the keyboard
    assert browser.execute_script("return location.hash") == "#" + anchor
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.get_attribute("id") == anchor and target.tag_name == "mark"
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert 0 <= top < browser.execute_script("return innerHeight")
    assert target.text == quotes(seed_build)[anchor] or quotes(seed_build)[anchor].startswith(target.text)


def test_links_between_articles_and_entities(browser, server, seed_build):
    open_page(browser, server, "/")
    browser.find_element(By.CSS_SELECTOR, f'ol.articles a[href="{article_path(seed_build)}"]').click()
    assert browser.current_url.endswith(article_path(seed_build))
    browser.find_element(By.CSS_SELECTOR, f'#facts a[href="{BE_THANH_TINH}"]').click()
    assert browser.find_element(By.TAG_NAME, "h1").text.endswith("Bế Thanh Tịnh")
    assert "Trưởng Ban Tuyên giáo Tỉnh ủy Cao Bằng" in browser.find_element(By.CSS_SELECTOR, "ul.posts").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "entity-page.png"))
    # from an attesting sentence back to its span on the article
    browser.find_element(By.CSS_SELECTOR, "ul.posts ul.attestations a").click()
    anchor = urllib.parse.urlsplit(browser.current_url).fragment
    assert anchor.startswith("m-") and browser.find_element(By.ID, anchor).text == "Bế Thanh Tịnh"
    # from where an organization was read to that span on its article
    open_page(browser, server, "/id/org/cao-bang/tinh-uy")
    quote = browser.find_element(By.CSS_SELECTOR, 'section[aria-labelledby="mentions"] a.to-span')
    words = quote.text
    quote.click()
    anchor = urllib.parse.urlsplit(browser.current_url).fragment
    assert browser.execute_script("return document.querySelector(':target').id") == anchor
    assert browser.find_element(By.ID, anchor).text == words
    # from the organization to its documents
    open_page(browser, server, "/id/org/cao-bang/tinh-uy")
    browser.find_element(By.CSS_SELECTOR, 'a[href="/id/document/cao-bang/06-da-tu"]').click()
    assert "06-ĐA/TU" in browser.find_element(By.TAG_NAME, "main").text


def test_article_text_stays_text_in_the_browser(browser, server, escaping_build):
    open_page(browser, server, article_path(escaping_build))
    # an <img onerror=alert> or a <script> that ran would have opened a dialog: selenium would raise here
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
    text = browser.find_element(By.CSS_SELECTOR, "article.text").get_attribute("textContent")
    assert '<script>alert("tiêu đề")</script>' in text and "&amp; <b>kế hoạch</b> &lt;i&gt; 5 &lt; 7" in text
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return document.documentElement.lang") == "vi"


def test_readable_on_a_phone(browser, server, seed_build):
    browser.set_window_size(390, 844)
    try:
        open_page(browser, server, article_path(seed_build))
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= browser.execute_script("return innerWidth")       # nothing to scroll sideways
        # the fact list comes below the text, not squeezed beside it
        text_box = browser.find_element(By.CSS_SELECTOR, "article.text").rect
        facts_box = browser.find_element(By.ID, "facts").rect
        assert facts_box["y"] >= text_box["y"] + text_box["height"] - 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "article-page-phone.png"))
    finally:
        browser.set_window_size(1280, 1000)
    open_page(browser, server, article_path(seed_build))
    browser.save_screenshot(str(ARTIFACTS / "article-page.png"))
    assert (ARTIFACTS / "article-page.png").stat().st_size > 10_000


def test_the_static_report_works_from_files(browser, tmp_path, seed_build):
    out = tmp_path / "report"
    assert run_vnkg("report", "--data", seed_build, "-o", out).returncode == 0
    browser.get((out / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "ol.articles a").click()
    assert browser.execute_script("return document.querySelectorAll('article mark').length") > 0
    assert browser.execute_script("return getComputedStyle(document.querySelector('mark.k-person')).backgroundColor") \
        not in ("rgba(0, 0, 0, 0)", "transparent")                   # the stylesheet was found
    browser.find_element(By.CSS_SELECTOR, "#facts li.fact > a").click()
    assert browser.current_url.startswith(out.as_uri()) and browser.current_url.endswith(".html")
    assert browser.find_element(By.TAG_NAME, "h1").text


def test_no_request_leaves_127_0_0_1(browser, server, seed_build, escaping_build):
    requested(browser)      # forget what came before
    browser.get_log("browser")
    for path in ("/", article_path(seed_build), article_path(escaping_build), TRIEU_DINH_LE,
                 "/id/org/cao-bang/tinh-uy", "/id/document/cao-bang/06-da-tu", "/shacl"):
        open_page(browser, server, path)
    urls = requested(browser)
    assert urls, "the network log is empty"
    # nothing refused by the pages' Content-Security-Policy, no error of any kind in the console
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        assert parts.scheme in ("http", "data") and (parts.scheme == "data" or parts.hostname == "127.0.0.1"), url
