package org.onedoor.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.BrowserExtension;
import org.onedoor.ChineseBrowser;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 12-megapixel phone photo (4000 × 3000, EXIF Orientation 6, capture time and GPS) goes up through the
 * evidence page made smaller on the phone: stored as a portrait JPEG of at most 2560 px with Orientation 1 and
 * its capture time and position kept; with 上传原图 the exact original bytes are stored; a small JPEG is stored
 * untouched. The EXIF is read back from the stored bytes by {@link Exif}. Screenshot in target/screenshots.
 */
@OnedoorSpringTest
class EvidenceResizeBrowserTest {

  static final String TAKEN = "2026:11:20 09:30:00";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  @RegisterExtension final BrowserExtension chromium = BrowserExtension.sized(412, 900);
  final WebDriver browser = chromium.driver();
  final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

  @Test
  void aLargePhoneJpegIsMadeSmallerUprightWithItsExifKeptTheOriginalOnRequestAndASmallOneUntouched() throws Exception {
    String number = InspectionFixtures.open(jdbc, "RS", InspectionFixtures.entity(jdbc, "压缩照片测试商店"));
    TestHttp http = new TestHttp(port);
    // big-endian (MM) EXIF as many cameras write it; the top-left quarter of the stored pixels is red
    byte[] camera = withExif(jpeg(4000, 3000), ByteOrder.BIG_ENDIAN, 6);
    Path big = write("IMG_20261120_093000.jpg", camera);

    browser.get("http://zhangwei:demo@localhost:" + port + "/staff/inspections/" + number + "/evidence");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("limits"), "不超过 20 MB"));
    assertThat(browser.findElement(By.xpath("//label[@for='original']")).getText()).isEqualTo("上传原图（不压缩）");
    assertThat(browser.findElement(By.id("resize-hint")).getText())
        .contains("长边超过 2560 像素或大于 1.5 MB 的 JPEG 照片", "保留拍摄时间和位置信息");

    upload(big, false, 1);
    JsonNode first = items(http, number).get(0);
    byte[] stored = download(http, number, first);
    assertThat(first.get("mediaType").asText()).isEqualTo("image/jpeg");
    assertThat(first.get("originalSizeBytes").asLong()).isEqualTo(camera.length);
    assertThat(first.get("sizeBytes").asLong()).isEqualTo(stored.length).isLessThan(camera.length);
    assertThat(first.get("sha256").asText()).as("the hash is of the stored bytes")
        .isEqualTo(EvidenceControllerTest.sha256(stored));
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(stored));
    // Orientation 6 applied: 4000 × 3000 landscape pixels become 3000 × 4000 portrait, scaled to 2560 high
    assertThat(picture.getWidth()).isEqualTo(1920);
    assertThat(picture.getHeight()).isEqualTo(2560);
    // turned 90° clockwise: the red top-left quarter is now the top-right quarter
    assertThat(red(picture.getRGB(1440, 640))).as("top right is red").isTrue();
    assertThat(red(picture.getRGB(480, 640))).as("top left is not red").isFalse();
    assertThat(red(picture.getRGB(1440, 1920))).as("bottom right is not red").isFalse();
    Exif exif = Exif.read(stored);
    assertThat(exif.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(exif.orientation()).isEqualTo(1);
    assertThat(exif.dateTimeOriginal()).isEqualTo(TAKEN);
    assertThat(exif.latitude()).isCloseTo(31 + 14 / 60.0 + 12.34 / 3600, within(1e-9));
    assertThat(exif.longitude()).isCloseTo(121 + 28 / 60.0 + 56.78 / 3600, within(1e-9));
    assertThat(exif.pixelWidth()).isEqualTo(1920);
    assertThat(exif.pixelHeight()).isEqualTo(2560);
    String sizes = browser.findElement(By.id("sizes")).getText();
    assertThat(sizes).contains("IMG_20261120_093000.jpg", " → ", "已压缩，保留拍摄时间和位置信息");
    assertThat(browser.findElement(By.cssSelector("#evidence tbody tr:first-child td:nth-child(3)")).getText())
        .contains("已在手机端压缩，原图");
    ChineseBrowser.screenshot(browser, "evidence-resized");
    assertThat(http.get("/staff/inspections/" + number, "zhangwei").body())
        .contains("已在手机端压缩，原图 " + camera.length + " 字节");

    // 上传原图: the exact bytes from the camera
    upload(big, true, 2);
    JsonNode second = items(http, number).get(1);
    assertThat(second.get("sha256").asText()).isEqualTo(EvidenceControllerTest.sha256(camera));
    assertThat(second.get("originalSizeBytes").isNull()).isTrue();
    assertThat(download(http, number, second)).isEqualTo(camera);
    assertThat(browser.findElement(By.id("sizes")).getText()).contains("按原图上传（未压缩）");
    assertThat(browser.findElement(By.id("original")).isSelected()).as("the option is not kept").isFalse();

    // a small JPEG goes up untouched, EXIF and all
    byte[] small = withExif(jpeg(800, 600), ByteOrder.LITTLE_ENDIAN, 6);
    upload(write("small.jpg", small), false, 3);
    JsonNode third = items(http, number).get(2);
    assertThat(download(http, number, third)).isEqualTo(small);
    assertThat(third.get("originalSizeBytes").isNull()).isTrue();
    assertThat(browser.findElement(By.id("sizes")).getText()).contains("未压缩（照片不大）");

    // a JPEG the phone cannot read (no frame header): never lost, the original goes up
    byte[] broken = withExif(broken(), ByteOrder.BIG_ENDIAN, 6);
    upload(write("broken.jpg", broken), false, 4);
    assertThat(download(http, number, items(http, number).get(3))).isEqualTo(broken);
    assertThat(browser.findElement(By.id("sizes")).getText()).contains("压缩失败，已按原图上传");

    // little-endian (II) EXIF, Orientation 8 (turned 90° the other way), long side just over the limit
    byte[] other = withExif(jpeg(2600, 1000), ByteOrder.LITTLE_ENDIAN, 8);
    upload(write("wide.jpg", other), false, 5);
    JsonNode fourth = items(http, number).get(4);
    byte[] storedOther = download(http, number, fourth);
    BufferedImage upright = ImageIO.read(new ByteArrayInputStream(storedOther));
    assertThat(upright.getWidth()).isEqualTo(985);
    assertThat(upright.getHeight()).isEqualTo(2560);
    // turned 90° counter-clockwise: the red top-left quarter is now the bottom-left quarter
    assertThat(red(upright.getRGB(240, 1920))).as("bottom left is red").isTrue();
    assertThat(red(upright.getRGB(240, 640))).as("top left is not red").isFalse();
    Exif little = Exif.read(storedOther);
    assertThat(little.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(little.orientation()).isEqualTo(1);
    assertThat(little.dateTimeOriginal()).isEqualTo(TAKEN);
    assertThat(little.latitude()).isCloseTo(31 + 14 / 60.0 + 12.34 / 3600, within(1e-9));
  }

  private void upload(Path file, boolean original, int expectedCount) {
    if (original) {
      browser.findElement(By.id("original")).click();
    }
    browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.id("submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("count"), String.valueOf(expectedCount)));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sizes")));
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static JsonNode items(TestHttp http, String number) throws IOException {
    var list = http.get("/api/v1/inspections/" + number + "/evidence", "zhangwei");
    assertThat(list.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(list.body()).get("items");
  }

  private static byte[] download(TestHttp http, String number, JsonNode item) {
    var response = http.getBytes("/api/v1/inspections/" + number + "/evidence/" + item.get("id").asLong(), "zhangwei");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static boolean red(int rgb) {
    Color c = new Color(rgb);
    return c.getRed() > 180 && c.getGreen() < 90 && c.getBlue() < 90;
  }

  /** A photo-like JPEG: a blue-green gradient with its top-left quarter red. */
  static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 200), width, height, new Color(30, 200, 90)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(230, 20, 20));
    g.fillRect(0, 0, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /** Starts like a JPEG (so the server takes it) but has no frame header: scan data of noise, then EOI. */
  static byte[] broken() {
    byte[] out = new byte[3000];
    new java.util.Random(7).nextBytes(out);
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xD8;
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xDA;
    out[4] = 0;
    out[5] = 8;
    out[out.length - 2] = (byte) 0xFF;
    out[out.length - 1] = (byte) 0xD9;
    return out;
  }

  /** The JPEG with a camera's APP1 Exif segment spliced in right after SOI. */
  static byte[] withExif(byte[] jpeg, ByteOrder order, int orientation) {
    byte[] tiff = tiff(order, orientation);
    ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length))
        .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff);
    byte[] out = new byte[jpeg.length + app1.capacity()];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xD8;
    System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
    System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
    return out;
  }

  /**
   * IFD0 (Orientation, Exif IFD, GPS IFD) at 8; Exif IFD (DateTimeOriginal, PixelX/YDimension) at 50 with the
   * date at 92; GPS IFD (version, N 31°14'12.34", E 121°28'56.78") at 112 with the rationals at 178 and 202.
   */
  static byte[] tiff(ByteOrder order, int orientation) {
    ByteBuffer b = ByteBuffer.allocate(226).order(order);
    b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
    b.putShort((short) 3);
    shortEntry(b, 0x0112, orientation);
    b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(50);
    b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(112);
    b.putInt(0);
    b.putShort((short) 3);
    b.putShort((short) 0x9003).putShort((short) 2).putInt(20).putInt(92);
    b.putShort((short) 0xA002).putShort((short) 4).putInt(1).putInt(4000);
    b.putShort((short) 0xA003).putShort((short) 4).putInt(1).putInt(3000);
    b.putInt(0);
    b.put((TAKEN + "\0").getBytes(StandardCharsets.US_ASCII));
    b.putShort((short) 5);
    b.putShort((short) 0x0000).putShort((short) 1).putInt(4).put(new byte[] {2, 3, 0, 0});
    b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    b.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(178);
    b.putShort((short) 0x0003).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
    b.putShort((short) 0x0004).putShort((short) 5).putInt(3).putInt(202);
    b.putInt(0);
    b.putInt(31).putInt(1).putInt(14).putInt(1).putInt(1234).putInt(100);
    b.putInt(121).putInt(1).putInt(28).putInt(1).putInt(5678).putInt(100);
    if (b.position() != 226) {
      throw new IllegalStateException("TIFF layout: " + b.position());
    }
    return b.array();
  }

  private static void shortEntry(ByteBuffer b, int tag, int value) {
    b.putShort((short) tag).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
  }

  /** A small EXIF reader: the first APP1 Exif segment of a JPEG, the tags this test needs. */
  record Exif(ByteOrder order, int orientation, String dateTimeOriginal, double latitude, double longitude,
      long pixelWidth, long pixelHeight) {

    static Exif read(byte[] jpeg) {
      assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
      assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
      int at = 2;
      while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) != 0xDA) {
        int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
        if ((jpeg[at + 1] & 0xFF) == 0xE1
            && new String(jpeg, at + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
          return parse(ByteBuffer.wrap(Arrays.copyOfRange(jpeg, at + 10, at + 2 + length)));
        }
        at += 2 + length;
      }
      throw new AssertionError("no APP1 Exif segment before the image data");
    }

    private static Exif parse(ByteBuffer tiff) {
      ByteOrder order = tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      tiff.order(order);
      assertThat(tiff.getShort(2)).isEqualTo((short) 42);
      Map<Integer, Integer> ifd0 = ifd(tiff, tiff.getInt(4));
      Map<Integer, Integer> exif = ifd(tiff, value(tiff, ifd0, 0x8769));
      Map<Integer, Integer> gps = ifd(tiff, value(tiff, ifd0, 0x8825));
      int date = value(tiff, exif, 0x9003);
      String taken = new String(tiff.array(), date, 19, StandardCharsets.US_ASCII);
      return new Exif(order, tiff.getShort(ifd0.get(0x0112) + 8) & 0xFFFF, taken,
          degrees(tiff, value(tiff, gps, 0x0002)), degrees(tiff, value(tiff, gps, 0x0004)),
          number(tiff, exif.get(0xA002)), number(tiff, exif.get(0xA003)));
    }

    /** Tag → the offset of its 12-byte entry. */
    private static Map<Integer, Integer> ifd(ByteBuffer tiff, int offset) {
      Map<Integer, Integer> entries = new HashMap<>();
      int count = tiff.getShort(offset) & 0xFFFF;
      for (int k = 0; k < count; k++) {
        int entry = offset + 2 + 12 * k;
        entries.put(tiff.getShort(entry) & 0xFFFF, entry);
      }
      return entries;
    }

    private static int value(ByteBuffer tiff, Map<Integer, Integer> ifd, int tag) {
      assertThat(ifd).as("tag 0x%04X", tag).containsKey(tag);
      return tiff.getInt(ifd.get(tag) + 8);
    }

    private static long number(ByteBuffer tiff, int entry) {
      int type = tiff.getShort(entry + 2);
      return type == 3 ? tiff.getShort(entry + 8) & 0xFFFF : tiff.getInt(entry + 8) & 0xFFFFFFFFL;
    }

    private static double degrees(ByteBuffer tiff, int offset) {
      double result = 0;
      for (int k = 0; k < 3; k++) {
        result += (double) tiff.getInt(offset + 8 * k) / tiff.getInt(offset + 8 * k + 4) / Math.pow(60, k);
      }
      return result;
    }
  }
}
