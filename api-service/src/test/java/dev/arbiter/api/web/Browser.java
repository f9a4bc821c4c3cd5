package dev.arbiter.api.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver. Both paths are given explicitly so
 * Selenium Manager never tries to download a driver or a browser (there is no internet here and
 * a downloaded browser would not be the one users run). Each browser gets a fresh profile and
 * download folder, deleted on close; screenshots go to {@code target/screenshots/} as test
 * artifacts.
 */
public final class Browser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /**
   * Bounds every wait so a hung page fails the test instead of hanging the build. Generous: the
   * first result of a test run waits for the results consumer to join its brand-new topic.
   */
  static final Duration HUNG = Duration.ofSeconds(120);
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  public final String baseUrl;
  private final Path profile;
  final Path downloads;
  private final String testName;
  private final ChromeDriverService service;

  private Browser(String baseUrl, String testName) {
    this.baseUrl = baseUrl;
    this.testName = testName;
    try {
      profile = Files.createTempDirectory("arbiter-chromium-profile");
      downloads = Files.createTempDirectory("arbiter-chromium-downloads");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        "--lang=en-GB",
        "--user-data-dir=" + profile);
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(HUNG);
  }

  /** A fresh browser for {@code testName} (used in screenshot file names) against baseUrl. */
  public static Browser open(String baseUrl, String testName) {
    return new Browser(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        testName);
  }

  public Browser go(String path) {
    driver.get(baseUrl + path);
    return this;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /**
   * Waits (at most {@link #HUNG}) until the condition holds; only a hung page times out. Live
   * pages replace their panels while a condition reads them: an element gone stale between
   * finding and reading it is looked up again on the next try.
   */
  public <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, HUNG).ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Saves a PNG of the whole page (the window grows to the page's height for the shot) as
   * {@code target/screenshots/<test>-<step>.png}.
   */
  public Path screenshot(String step) {
    Dimension before = driver.manage().window().getSize();
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(testName + "-" + step + ".png");
      long height = ((Number) driver.executeScript(
          "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);"))
          .longValue();
      driver.manage().window().setSize(new Dimension(before.getWidth(),
          (int) Math.min(8000, Math.max(before.getHeight(), height + 140))));
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Waits for a finished download (Chromium writes *.crdownload until it is complete). */
  public Path downloaded(String suffix) {
    return until(d -> {
      try (Stream<Path> files = Files.list(downloads)) {
        return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
            .orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
      delete(downloads);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless; the test result is what matters
    }
  }
}
