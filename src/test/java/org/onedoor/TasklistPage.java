package org.onedoor;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do in Camunda Tasklist: wait for a text, click a label, pick a task by business. */
public final class TasklistPage {

  private final WebDriver browser;
  private final WebDriverWait wait;

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

  /** The filters show the business's name with each task: pick ours by it. */
  public void clickTaskOf(String entityName, String taskName) {
    click(wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//li[.//*[contains(normalize-space(.),'" + entityName + "')]]"
            + "//*[contains(normalize-space(text()),'" + taskName + "')]"))));
  }
}
