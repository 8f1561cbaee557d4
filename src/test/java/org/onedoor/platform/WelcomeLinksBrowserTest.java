package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TasklistPage;
import org.onedoor.TestHttp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager signs in to the Chinese Welcome page and finds onedoor's own pages next to Tasklist and
 * Cockpit (config.js {@code links}); each link leads to a page that answers (the oversight page and the
 * risk warnings for the manager, the import page for an administrator, the public site for anyone).
 */
@OnedoorSpringTest
class WelcomeLinksBrowserTest {

  @LocalServerPort int port;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(1280, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  final TasklistPage page = new TasklistPage(browser, wait);

  @Test
  void aManagerFindsTheSupervisionDashboardOnTheWelcomePage() throws IOException {
    browser.get("http://localhost:" + port + "/camunda/app/welcome/");
    page.waitForText("用户名");
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys("wangfang");
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    page.waitForText("监管工作指标");
    ChineseBrowser.screenshot(browser, "welcome-links-zh");
    List<String> hrefs = List.of("/staff/notifications", "/staff/oversight", "/staff/listings", "/staff/warnings",
        "/staff/imports", "/public");
    for (String href : hrefs) {
      WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("a[href='" + href + "']")));
      assertThat(link.getText()).isNotBlank();
    }

    TestHttp http = new TestHttp(port);
    assertThat(http.send("GET", "/staff/notifications", "wangfang", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/staff/oversight", "wangfang", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/staff/imports", "admin", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/staff/listings", "lina", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/staff/warnings", "wangfang", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/public", null, null).statusCode()).isEqualTo(200);
  }
}
