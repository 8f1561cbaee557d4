package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do in Camunda Tasklist: wait for a text, click a label, pick a task by business. */
public final class TasklistPage {

  private final WebDriver browser;
  private final WebDriverWait wait;
  /** Where and as whom {@link #signIn} last signed in, to sign in again in a restarted browser. */
  private String[] signedIn;
  private boolean restarting;

  public TasklistPage(WebDriver browser, WebDriverWait wait) {
    this.browser = browser;
    this.wait = wait;
  }

  public void waitForText(String text) {
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//*[contains(normalize-space(text()),'" + text + "') or @placeholder='" + text + "']")));
  }

  public void clickText(String text) {
    click(wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("(//*[self::a or self::button or self::label or self::span][contains(normalize-space(.),'"
            + text + "')])[last()]"))));
  }

  /** Scrolls the element to the middle of the task pane first: the form scrolls inside it. */
  public void click(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    try {
      wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    } catch (org.openqa.selenium.ElementClickInterceptedException coveredByFooter) {
      // the page footer overlaps the last lines of a short form: click as the browser would
      ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }
  }

  /**
   * The filters show the business's name with each task: pick ours by it. Tasklist lists the newest
   * first, 15 a page; a task made at an earlier (test clock) time than others in the shared database
   * is on a later page, so the search turns the pages as a person would.
   */
  public void clickTaskOf(String entityName, String taskName) {
    By ours = By.xpath("//li[.//*[contains(normalize-space(.),'" + entityName + "')]]"
        + "//*[contains(normalize-space(text()),'" + taskName + "')]");
    String pager = "//ol[contains(@class,'tasks-list')]/following::ul[contains(@class,'pagination')][1]";
    By nextPage = By.xpath(pager + "//li[contains(@class,'pagination-next') and not(contains(@class,'disabled'))]/a");
    By firstPage = By.xpath(pager + "//li[contains(@class,'pagination-first') and not(contains(@class,'disabled'))]/a");
    By tasks = By.cssSelector("ol.tasks-list li.task");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
    long pageShownSince = System.nanoTime();
    String shownPage = "";
    while (true) {
      List<WebElement> found = browser.findElements(ours);
      if (!found.isEmpty()) {
        try {
          click(found.get(0));
          return;
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
          continue; // the list was drawn again meanwhile: find the task again
        }
      }
      if (System.nanoTime() > deadline) {
        throw new org.openqa.selenium.TimeoutException(
            "no task " + taskName + " of " + entityName + " on any page of the task list");
      }
      String page;
      try {
        page = String.join("|", browser.findElements(tasks).stream().map(WebElement::getText).toList());
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        // the list was drawn again while being read: read it again next time round
        page = "";
      }
      if (!page.equals(shownPage)) {
        // a new page (or the list refreshed): give it a moment to settle before turning on
        shownPage = page;
        pageShownSince = System.nanoTime();
      } else if (!page.isEmpty() && System.nanoTime() - pageShownSince > 1_500_000_000L) {
        List<WebElement> next = browser.findElements(nextPage);
        List<WebElement> first = browser.findElements(firstPage);
        if (!next.isEmpty()) {
          ((JavascriptExecutor) browser).executeScript("arguments[0].click();", next.get(0));
        } else if (!first.isEmpty()) {
          // the last page and not there (yet): start over, the task may have been made meanwhile
          ((JavascriptExecutor) browser).executeScript("arguments[0].click();", first.get(0));
        }
        pageShownSince = System.nanoTime();
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }


  // ---- a person's steps in Tasklist, shared by the golden path (GoldenPathBrowserTest) ----

  /** Signs in to Tasklist at {@code base} (e.g. http://localhost:8080) as a demo user (password demo). */
  public void signIn(String base, String user) {
    signedIn = new String[] {base, user};
    for (int attempt = 1; ; attempt++) {
      browser.manage().deleteAllCookies();
      load(base + "/camunda/app/tasklist/");
      waitForText("用户名");
      browser.findElement(By.cssSelector("input[type=text]")).sendKeys(user);
      browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      waitForText("我的任务");
      if (signedInStays(user) || attempt == 3) {
        return;
      }
      System.err.println("the Tasklist session of " + user + " was lost right after signing in; signing in again");
    }
  }

  /**
   * Whether the browser's session cookie still belongs to {@code user} a moment after signing in. The
   * sign-outs this once caught came from the staff pages renewing the session id (fixed in SecurityConfig,
   * see StaffPageSecurityTest); signIn still reports a lost session on stderr.
   */
  public boolean signedInStays(String user) {
    for (int check = 0; check < 2; check++) {
      Object body = ((JavascriptExecutor) browser).executeAsyncScript(
          "var done = arguments[arguments.length - 1];"
              + "setTimeout(function () {"
              + "  fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin'})"
              + "    .then(function (r) { return r.ok ? r.text() : ''; }, function () { return ''; }).then(done);"
              + "}, 500);");
      if (!String.valueOf(body).contains("\"" + user + "\"")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Opens a task from a filter (待我认领, 我的任务) by the business (or plan) the list shows with it and
   * the task's name, claims it when it is not yet the user's, and waits for its form. Returns the task
   * id Tasklist shows in its address.
   */
  public String openTask(String filter, String business, String taskName) {
    String at = browser.getCurrentUrl();
    if (at.contains("/camunda/app/tasklist/")) {
      browser.navigate().refresh();
    } else {
      // back from a staff page to Tasklist, as a person switches back to its tab
      load(at.replaceFirst("^(https?://[^/]+).*$", "$1") + "/camunda/app/tasklist/");
    }
    waitForText(filter);
    clickText(filter);
    clickTaskOf(business, taskName);
    By claim = By.xpath("//*[self::button or self::a][normalize-space(.)='认领']");
    By complete = By.xpath("//button[normalize-space(.)='完成']");
    wait.until(d -> !d.findElements(claim).isEmpty() || !d.findElements(complete).isEmpty());
    if (!browser.findElements(claim).isEmpty()) {
      click(browser.findElement(claim));
    }
    wait.until(ExpectedConditions.presenceOfElementLocated(complete));
    wait.until(d -> d.getCurrentUrl().contains("task="));
    String url = browser.getCurrentUrl();
    String id = url.substring(url.indexOf("task=") + 5);
    return id.contains("&") ? id.substring(0, id.indexOf('&')) : id;
  }

  /**
   * Opens a page; a load that never completes (seen once in a while on a loaded machine, see
   * RectificationReportBrowserTest) is given a minute and then tried once more in a new tab.
   */
  public void load(String url) {
    browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(60));
    try {
      browser.get(url);
    } catch (org.openqa.selenium.TimeoutException stuck) {
      if (browser instanceof ChineseBrowser.Restartable restartable && !restarting) {
        // a new tab shares the stuck browser's fate: start a new browser and sign in again, as a person would
        System.err.println("page load stalled, restarting Chromium: " + url);
        restarting = true;
        try {
          restartable.restart();
          browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(120));
          if (signedIn != null) {
            String[] who = signedIn;
            signIn(who[0], who[1]);
          }
          browser.get(url);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        } finally {
          restarting = false;
        }
        return;
      }
      // the stalled tab's renderer does not answer any more: open the page in a new tab (same session
      // cookies), as a person would, and leave the stalled one behind
      browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
      browser.get(url);
    }
  }

  /** The first field of this kind after the label starting with {@code label}. */
  public WebElement field(String label, String element) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[starts-with(normalize-space(.),'" + label + "')]/following::" + element + "[1]")));
  }

  /**
   * Types as a person would, at a person's pace: form-js keeps a text field's value a moment before
   * it takes it (debounced), and a form re-rendered meanwhile shows the value it had: type again. Replaces
   * what the field held.
   */
  public void type(String label, String element, String text) {
    WebElement input = field(label, element);
    click(input);
    // what the field held (a default, an earlier value) is replaced, as a person selects it and types over
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        new WebDriverWait(browser, java.time.Duration.ofSeconds(2))
            .until(d -> !String.valueOf(input.getDomProperty("value")).endsWith(text));
      } catch (org.openqa.selenium.TimeoutException kept) {
        return; // the value stayed for two seconds: form-js has taken it
      }
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }
    throw new AssertionError(label + " does not keep \"" + text + "\"");
  }

  /** form-js date fields use flatpickr: set the date through it, as a click in its calendar would. */
  public void setDate(String label, java.time.LocalDate date) {
    WebElement input = field(label, "input");
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0]._flatpickr.setDate(arguments[1], true, 'Y-m-d'); arguments[0]._flatpickr.close();"
            + " arguments[0].blur();", input, date.toString());
  }

  /**
   * A form-js select: open it under its label, pick the option. Under load the first click can land while
   * the form re-renders (the list then never opens): try again, up to three times.
   */
  public void choose(String label, String option) {
    By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + option + "']");
    for (int attempt = 1; ; attempt++) {
      WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
          "//label[starts-with(normalize-space(.),'" + label + "')]/ancestor::div[contains(@class,'fjs-form-field')][1]")));
      WebElement display = field.findElement(By.xpath(".//*[contains(@class,'fjs-select-display') or self::input]"));
      click(display);
      try {
        click(new WebDriverWait(browser, java.time.Duration.ofSeconds(10))
            .until(ExpectedConditions.presenceOfElementLocated(item)));
        return;
      } catch (org.openqa.selenium.TimeoutException notOpened) {
        if (attempt == 3) {
          throw notOpened;
        }
      }
    }
  }

  /** Ticks a radio button or checkbox by its exact label text. */
  public void tick(String label) {
    click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-container')]//label[normalize-space(.)='" + label + "']"))));
  }

  /** What a (possibly read-only) text field or area under this label shows. */
  public String value(String label) {
    return String.valueOf(field(label, "*[self::input or self::textarea]").getDomProperty("value"));
  }

  /** The form's text with the values of its fields (read-only text areas show their value, not text). */
  public String formText() {
    return (String) ((JavascriptExecutor) browser).executeScript("""
        var f = document.querySelector('.fjs-container');
        if (!f) { return document.body.innerText; }
        var values = Array.from(f.querySelectorAll('input, textarea')).map(function (e) { return e.value; });
        return f.innerText + '\\n' + values.join('\\n');""");
  }

  /**
   * Clicks 完成 and waits until {@code done} holds and Tasklist has let the task go (see {@link #complete()}); a
   * refusal Tasklist shows as a notification fails at once with its text.
   */
  public void complete(java.util.function.BooleanSupplier done) {
    String task = openTaskId();
    click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space(.)='完成']"))));
    // Tasklist's notifications, not the page's banner (also an alert)
    By refusal = By.cssSelector("[notifications-panel] .alert-danger, .notifications-panel .alert-danger");
    wait.until(d -> {
      if (done.getAsBoolean()) {
        return true;
      }
      for (WebElement toast : d.findElements(refusal)) {
        String text;
        try {
          text = toast.isDisplayed() ? toast.getText() : "";
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
          continue;
        }
        if (!text.isBlank()) {
          throw new AssertionError("Tasklist refused the completion: " + text);
        }
      }
      return false;
    });
    lettingGoOf(task);
  }

  /**
   * Clicks 完成 and waits until Tasklist has the server's answer: the task has left the address (Tasklist takes it
   * out, or opens the process's next task of the same person). A page reloaded before that asks again for the
   * completed task and shows "task does not exist" over the next form, as it would for a person.
   */
  public void complete() {
    String task = openTaskId();
    complete(() -> task == null || !task.equals(openTaskId()));
  }

  /** The id of the task open in Tasklist (its address's {@code task=}), or null. */
  public String openTaskId() {
    java.util.regex.Matcher task = java.util.regex.Pattern.compile("[?&]task=([^&#]+)").matcher(browser.getCurrentUrl());
    return task.find() ? task.group(1) : null;
  }

  private void lettingGoOf(String task) {
    if (task != null) {
      wait.until(d -> !task.equals(openTaskId()));
    }
  }
  /**
   * On a phone (390 px wide) the form shows every field whole, without sideways scrolling, and its
   * button can be reached and is not covered; then back to the desktop width.
   */
  public void fitsAPhone(String screenshot, String buttonXpath) throws java.io.IOException {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue() <= 400);
      WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-container")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", form);
      ChineseBrowser.screenshot(browser, screenshot);
      Object overflow = ((JavascriptExecutor) browser).executeScript(
          "var f = document.querySelector('.fjs-container'); return f.scrollWidth - f.clientWidth;");
      assertThat(((Number) overflow).intValue()).as(screenshot + ": the form fits the phone's width").isBetween(0, 2);
      // Tasklist lays its columns out again after a resize (a script, not only CSS): give it a moment
      String cutScript = """
          var width = document.documentElement.clientWidth, cut = [];
          document.querySelectorAll('.fjs-container .fjs-form-field').forEach(function (f) {
            var r = f.getBoundingClientRect();
            if (r.width > 0 && (r.left < -1 || r.right > width + 1)) {
              var l = f.querySelector('label');
              cut.push((l ? l.innerText : f.className) + ' [' + Math.round(r.left) + ',' + Math.round(r.right) + ']');
            }
          });
          return cut;""";
      List<String> cut = List.of();
      long settleBy = System.nanoTime() + 10_000_000_000L;
      do {
        @SuppressWarnings("unchecked")
        List<String> now = (List<String>) ((JavascriptExecutor) browser).executeScript(cutScript);
        cut = now;
        if (!cut.isEmpty()) {
          pause();
        }
      } while (!cut.isEmpty() && System.nanoTime() < settleBy);
      assertThat(cut).as(screenshot + ": fields cut off at the screen's edge").isEmpty();
      @SuppressWarnings("unchecked")
      List<String> clipped = (List<String>) ((JavascriptExecutor) browser).executeScript("""
          var width = document.documentElement.clientWidth, clipped = [];
          document.querySelectorAll('.fjs-container .fjs-form-field *').forEach(function (e) {
            if (/^(INPUT|TEXTAREA|SELECT|OPTION)$/.test(e.tagName) || e.clientWidth === 0) { return; }
            var r = e.getBoundingClientRect();
            if (e.scrollWidth > e.clientWidth + 1 || r.right > width + 1) {
              clipped.push(e.tagName + '.' + e.className + ' "' + e.innerText.slice(0, 30) + '" ['
                  + e.scrollWidth + '>' + e.clientWidth + ', right ' + Math.round(r.right) + ']');
            }
          });
          return clipped;""");
      assertThat(clipped).as(screenshot + ": texts cut off (wider than their box or the screen)").isEmpty();
      WebElement button = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(buttonXpath)));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
      // scrolling may be smooth, and Tasklist may lay the form out again meanwhile (the button moved below the
      // screen once in CI): scroll to it again, as a person would, until it has come to rest where it can be tapped
      boolean reachable;
      try {
        reachable = new WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
            ((JavascriptExecutor) d).executeScript("""
                var b = arguments[0];
                b.scrollIntoView({block: 'center', behavior: 'instant'});
                var r = b.getBoundingClientRect();
                if (r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth
                    || r.top < 0 || r.bottom > window.innerHeight) { return false; }
                var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit === b || b.contains(hit);""", button)));
      } catch (org.openqa.selenium.TimeoutException e) {
        reachable = false;
      }
      ChineseBrowser.screenshot(browser, screenshot + "-button");
      Object where = ((JavascriptExecutor) browser).executeScript("""
          var b = arguments[0], r = b.getBoundingClientRect();
          var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return JSON.stringify([r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight,
              hit ? hit.tagName + '.' + hit.className : null,
              // what covers it, where Tasklist shows a notification: its words say which request failed
              Array.prototype.map.call(document.querySelectorAll('.alert'), function (a) {
                return a.className + ': ' + a.innerText.replace(/\\s+/g, ' ').trim();
              })]);""", button);
      assertThat(reachable).as(screenshot + ": the button is on screen and not covered " + where
          + ", requests refused or failed: " + ChineseBrowser.failedRequests(browser)).isTrue();
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(600);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
