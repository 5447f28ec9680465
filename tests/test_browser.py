"""The site in headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by Selenium).

A reader's path: the home page, a Finnish search in an inflected form, a
statement, one step of its lineage; and a document whose text holds
``<script>`` shows it as text. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kb.site import statement_url
from site_server import HOSTILE_ID, HOSTILE_TEXT, goal_id

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
EVALUATED = ("luvn-strategia-2023-2025", "Asiakkaiden tyytyväisyys palveluihin ja niiden saatavuuteen paranee")

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Chromium and its driver (scripts/install-optional-tools)",
)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through the system chromedriver (nothing is downloaded)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1300,1500"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def shot(driver, name: str) -> Path:
    """Save a screenshot of the current page as ``tests/artifacts/<name>.png``."""
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    return path


def test_search_statement_and_lineage_in_the_browser(browser, site_url, site_db):
    evaluated_goal = goal_id(site_db, *EVALUATED)
    from selenium.webdriver.common.by import By

    browser.get(site_url + "/")
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == "strategy-kb"
    assert "Länsi-Uudenmaan hyvinvointialueen strategia 2023–2025" in browser.find_element(By.CSS_SELECTOR, ".kb-documents").text
    shot(browser, "home")

    box = browser.find_element(By.ID, "kb-q")
    box.send_keys("tyytyväisyyttä saatavuutta")  # partitives; the statement says "tyytyväisyys ... saatavuuteen"
    box.submit()
    link = browser.find_element(By.CSS_SELECTOR, f'#results-goals a[href="{statement_url(evaluated_goal)}"]')
    assert browser.find_elements(By.CSS_SELECTOR, "#results-goals mark")
    shot(browser, "search")

    link.click()
    assert evaluated_goal in browser.find_element(By.CSS_SELECTOR, "h1").text
    text = browser.find_element(By.CSS_SELECTOR, ".kb-statement-text").text
    assert "Asiakkaiden tyytyväisyys palveluihin" in text
    assert "achieved: partial" in browser.find_element(By.CSS_SELECTOR, ".kb-evaluation").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.lineage-graph").is_displayed()
    shot(browser, "statement")

    # Follow the lineage step the page offers, preferring a later strategy (2026) when links lead there.
    steps = [a for a in browser.find_elements(By.CSS_SELECTOR, "a.kb-lineage-link") if evaluated_goal not in a.get_attribute("href")]
    step = next((a for a in steps if "2026" in a.get_attribute("href")), steps[0])
    target_id, shown = step.text, step.find_element(By.XPATH, "..").text.split("\n", 1)[1].rstrip("…")
    step.click()
    assert target_id in browser.find_element(By.CSS_SELECTOR, "h1").text
    assert shown[:40] in browser.find_element(By.CSS_SELECTOR, ".kb-statement-text").text
    for translation in browser.find_elements(By.CSS_SELECTOR, ".kb-translation .kb-statement-text"):
        assert translation.is_displayed() and translation.text
    shot(browser, "lineage-step")


def test_script_in_a_document_shows_as_text(browser, site_url, site_db):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    with sqlite3.connect(f"file:{site_db}?mode=ro", uri=True) as conn:
        (unit_id,) = conn.execute("SELECT id FROM passages WHERE document_id = ? AND text LIKE '%<script>%'", (HOSTILE_ID,)).fetchone()
    for url in (site_url + statement_url(unit_id), site_url + "/-/search?q=alert"):
        browser.get(url)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
        assert HOSTILE_TEXT in browser.find_element(By.TAG_NAME, "body").text
    shot(browser, "escaped-script")


@pytest.mark.parametrize("path", ["/-/changes", "/-/scores", "/-/lineage", "/-/bilingual/luvn-vammaisneuvosto-2025-dia"])
def test_reading_pages_render_in_the_browser(browser, site_url, path):
    from selenium.webdriver.common.by import By

    browser.get(site_url + path)
    assert browser.find_element(By.CSS_SELECTOR, "h1").is_displayed()
    assert "Error" not in browser.title
    shot(browser, path.strip("/-").replace("/", "-"))
