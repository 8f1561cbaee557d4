// 照片压缩后保留 EXIF：从原 JPEG 中取出 APP1 "Exif\0\0" 段，把方向（Orientation, 0x0112）改为 1
// （像素已按方向转正），把像素尺寸（0xA002/0xA003）改为新尺寸，放到新 JPEG 的 SOI 之后。
// 拍摄时间（DateTimeOriginal）、GPS 等其余标签原样保留。TIFF 两种字节序（II 小端、MM 大端）都支持。
// 出任何差错都抛出异常，由调用方改为上传原图。不依赖任何库。
(function (root) {
  'use strict';

  var TAG_ORIENTATION = 0x0112, TAG_EXIF_IFD = 0x8769, TAG_GPS_IFD = 0x8825,
    TAG_DATE_TIME_ORIGINAL = 0x9003, TAG_PIXEL_X = 0xA002, TAG_PIXEL_Y = 0xA003;
  var SHORT = 3, LONG = 4;

  function fail(why) { throw new Error('EXIF: ' + why); }

  function isJpeg(bytes) {
    return bytes.length > 3 && bytes[0] === 0xFF && bytes[1] === 0xD8 && bytes[2] === 0xFF;
  }

  // The marker segments before the image data (SOS): [{marker, start, end}], end exclusive, start at 0xFF.
  function segments(bytes) {
    if (!isJpeg(bytes)) { fail('not a JPEG'); }
    var list = [], i = 2;
    while (i + 4 <= bytes.length) {
      if (bytes[i] !== 0xFF) { fail('no marker at ' + i); }
      var marker = bytes[i + 1];
      if (marker === 0xFF) { i += 1; continue; } // fill byte
      if (marker === 0xD9) { break; }
      if ((marker >= 0xD0 && marker <= 0xD7) || marker === 0x01) { i += 2; continue; }
      var length = (bytes[i + 2] << 8) | bytes[i + 3];
      if (length < 2 || i + 2 + length > bytes.length) { fail('bad segment length at ' + i); }
      list.push({ marker: marker, start: i, end: i + 2 + length });
      if (marker === 0xDA) { break; } // start of scan: the rest is image data
      i += 2 + length;
    }
    return list;
  }

  function startsWith(bytes, at, text) {
    for (var k = 0; k < text.length; k++) {
      if (bytes[at + k] !== text.charCodeAt(k)) { return false; }
    }
    return true;
  }

  function isExif(bytes, s) { return s.marker === 0xE1 && s.end - s.start >= 18 && startsWith(bytes, s.start + 4, 'Exif\0\0'); }
  function isJfif(bytes, s) { return s.marker === 0xE0 && startsWith(bytes, s.start + 4, 'JFIF\0'); }

  /** The APP1 Exif segment (marker to end) of a JPEG, or null when it has none. */
  function exifSegment(bytes) {
    var found = segments(bytes).filter(function (s) { return isExif(bytes, s); })[0];
    return found ? bytes.slice(found.start, found.end) : null;
  }

  /** Width and height as stored in the frame header (SOF), before any EXIF orientation. */
  function frameSize(bytes) {
    var sof = segments(bytes).filter(function (s) {
      return s.marker >= 0xC0 && s.marker <= 0xCF && s.marker !== 0xC4 && s.marker !== 0xC8 && s.marker !== 0xCC;
    })[0];
    if (!sof || sof.end - sof.start < 9) { fail('no frame header'); }
    return { width: (bytes[sof.start + 7] << 8) | bytes[sof.start + 8], height: (bytes[sof.start + 5] << 8) | bytes[sof.start + 6] };
  }

  // A TIFF structure inside an APP1 segment copy; every offset is checked against its end.
  function Tiff(segment) {
    var base = 10; // FF E1, length (2), "Exif\0\0"
    var view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
    var order = view.getUint16(base, false);
    var little = order === 0x4949 ? true : order === 0x4D4D ? false : fail('unknown byte order');
    function check(at, n) { if (at < base || at + n > segment.byteLength) { fail('offset out of range'); } }
    function u16(at) { check(at, 2); return view.getUint16(at, little); }
    function u32(at) { check(at, 4); return view.getUint32(at, little); }
    if (u16(base + 2) !== 42) { fail('not TIFF'); }
    return {
      little: little,
      first: function () { return u32(base + 4); },
      // calls visit(tag, type, count, entryAt) for each entry of the IFD at offset; returns the next IFD's offset
      entries: function (offset, visit) {
        var at = base + offset, n = u16(at);
        check(at + 2, n * 12 + 4);
        for (var k = 0; k < n; k++) {
          var e = at + 2 + k * 12;
          visit(u16(e), u16(e + 2), u32(e + 4), e);
        }
        return u32(at + 2 + n * 12);
      },
      value: function (entryAt) { return u32(entryAt + 8); },
      short: function (entryAt) { return u16(entryAt + 8); },
      // a SHORT or LONG held in the entry itself
      set: function (type, entryAt, value) {
        if (type === SHORT) { view.setUint16(entryAt + 8, value, little); } else if (type === LONG) { view.setUint32(entryAt + 8, value, little); }
      }
    };
  }

  /**
   * A copy of an APP1 Exif segment for a picture now drawn upright at width × height: Orientation 1 in IFD0
   * and IFD1 (thumbnail), pixel dimensions updated. Returns {segment, dateTime, gps, orientation} where the last
   * three tell what the original held (orientation: its old value, 1 when absent).
   */
  function rewrite(original, width, height) {
    var segment = original.slice(0);
    var tiff = Tiff(segment), exif = 0, result = { segment: segment, dateTime: false, gps: false, orientation: 1 };
    var next = tiff.entries(tiff.first(), function (tag, type, count, at) {
      if (tag === TAG_ORIENTATION && count === 1) { if (type === SHORT) { result.orientation = tiff.short(at); } tiff.set(type, at, 1); }
      if (tag === TAG_EXIF_IFD) { exif = tiff.value(at); }
      if (tag === TAG_GPS_IFD) { result.gps = tiff.value(at) > 0; }
    });
    if (exif > 0) {
      tiff.entries(exif, function (tag, type, count, at) {
        if (tag === TAG_DATE_TIME_ORIGINAL) { result.dateTime = true; }
        if (tag === TAG_PIXEL_X && count === 1) { tiff.set(type, at, width); }
        if (tag === TAG_PIXEL_Y && count === 1) { tiff.set(type, at, height); }
      });
    }
    if (next > 0) {
      tiff.entries(next, function (tag, type, count, at) {
        if (tag === TAG_ORIENTATION && count === 1) { tiff.set(type, at, 1); }
      });
    }
    return result;
  }

  /** The EXIF Orientation (1–8) of a JPEG, 1 when it has none. */
  function orientation(bytes) {
    var segment = exifSegment(bytes);
    if (!segment) { return 1; }
    var tiff = Tiff(segment), value = 1;
    tiff.entries(tiff.first(), function (tag, type, count, at) {
      if (tag === TAG_ORIENTATION && type === SHORT && count === 1) { value = tiff.short(at); }
    });
    return value >= 1 && value <= 8 ? value : 1;
  }

  /**
   * The resized JPEG with the original's EXIF: SOI, the rewritten APP1 Exif, then the resized JPEG's own
   * segments without its JFIF APP0 and any Exif of its own, then its image data. Returns
   * {bytes, exif, dateTime, gps}; when the original has no EXIF, the resized bytes unchanged (exif false).
   */
  function transplant(original, resized, width, height) {
    var source = exifSegment(original);
    if (!source) { return { bytes: resized, exif: false, dateTime: false, gps: false }; }
    var rewritten = rewrite(source, width, height);
    var parts = [new Uint8Array([0xFF, 0xD8]), rewritten.segment], total = 2 + rewritten.segment.length, scan = -1;
    segments(resized).forEach(function (s) {
      if (s.marker === 0xDA) { scan = s.start; return; }
      if (isJfif(resized, s) || isExif(resized, s)) { return; }
      parts.push(resized.subarray(s.start, s.end));
      total += s.end - s.start;
    });
    if (scan < 0) { fail('resized JPEG has no image data'); }
    parts.push(resized.subarray(scan));
    total += resized.length - scan;
    var out = new Uint8Array(total), at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return { bytes: out, exif: true, dateTime: rewritten.dateTime, gps: rewritten.gps };
  }

  root.ExifCopy = { isJpeg: isJpeg, exifSegment: exifSegment, frameSize: frameSize, orientation: orientation,
    rewrite: rewrite, transplant: transplant };
}(window));
