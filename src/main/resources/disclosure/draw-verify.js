/*
 * onedoor-draw-v1 and -v2 recomputed in the browser from the record embedded in this page (核验本次抽取).
 * Web Crypto only; no request leaves the page, so a saved copy verifies offline.
 * The steps and their order follow org.onedoor.draw.VerifyDraw, the JDK verifier:
 * commitment = SHA-256(nonce bytes); populationHash = SHA-256 of every stratum's USCCs sorted by
 * UTF-8 byte order and joined with "\n" (no trailing newline); seed = SHA-256("onedoor-draw-v1\n"
 * + nonce + "\n" + beacon + "\n" + populationHash + "\n" + planNumber + "\n" + batch); key =
 * HMAC-SHA256(seed bytes, UTF-8 USCC); per stratum the ceil(ratio × size) smallest keys (ties by
 * USCC), ratio in exact decimal arithmetic. v2 is v1 with "onedoor-draw-v2" at the start of the seed
 * text, unique stratum names, and every stratum naming its rule row ("rule": decision, version, id, row,
 * ratio, yearlyCap) and "ratioSource": rule (the stratum's ratio is the row's), plan, or floor (above it).
 */
(function () {
  'use strict';
  var ALGORITHM = 'onedoor-draw-v1';
  var ALGORITHM_V2 = 'onedoor-draw-v2';
  var CHUNK = 2000;
  var utf8 = new TextEncoder();

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    return out;
  }

  function unhex(text) {
    var out = new Uint8Array(text.length / 2);
    for (var i = 0; i < out.length; i++) {
      out[i] = parseInt(text.substr(2 * i, 2), 16);
    }
    return out;
  }

  function isSurrogate(c) {
    return c >= 0xd800 && c <= 0xdfff;
  }

  /** Order of the UTF-8 bytes, i.e. of the code points (UTF-16 order differs above U+FFFF). */
  function compareUtf8(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i);
      var y = b.charCodeAt(i);
      if (x !== y) {
        var xs = isSurrogate(x);
        var ys = isSurrogate(y);
        if (xs !== ys) {
          return xs ? 1 : -1;
        }
        return x < y ? -1 : 1;
      }
    }
    return a.length - b.length;
  }

  function compareBytes(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      if (a[i] !== b[i]) {
        return a[i] - b[i];
      }
    }
    return a.length - b.length;
  }

  /**
   * A decimal string (as Java's BigDecimal reads it: sign, digits, fraction, exponent) as an exact
   * fraction of two BigInts, or null when it is not a decimal number.
   */
  function parseDecimal(text) {
    var m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] + (m[3] || '')).length === 0) {
      return null;
    }
    var digits = m[2] + (m[3] || '');
    var scale = (m[3] || '').length - (m[4] ? parseInt(m[4], 10) : 0);
    if (digits.length > 400 || Math.abs(scale) > 400) {
      return null; // no ratio of a plan is written like this; refuse rather than compute for ever
    }
    var num = BigInt(digits);
    var den = BigInt(1);
    if (scale >= 0) {
      den = BigInt(10) ** BigInt(scale);
    } else {
      num = num * BigInt(10) ** BigInt(-scale);
    }
    return { num: m[1] === '-' ? -num : num, den: den };
  }

  /** ceil(ratio × size), never more than size; null when the ratio is not within [0, 1]. */
  function drawCount(ratio, size) {
    var r = parseDecimal(ratio);
    if (r === null || r.num < BigInt(0) || r.num > r.den) {
      return null;
    }
    var product = r.num * BigInt(size);
    var count = (product + r.den - BigInt(1)) / r.den;
    return Math.min(Number(count), size);
  }

  function sha256(bytes) {
    return crypto.subtle.digest('SHA-256', bytes);
  }

  function commitment(nonceHex) {
    return sha256(unhex(nonceHex)).then(hex);
  }

  /** SHA-256 of the USCCs sorted by UTF-8 byte order, joined with "\n", no trailing newline. */
  function populationHash(usccs) {
    var sorted = usccs.slice().sort(compareUtf8);
    return sha256(utf8.encode(sorted.join('\n'))).then(hex);
  }

  function seedText(algorithm, nonceHex, beacon, popHash, planNumber, batch) {
    return algorithm + '\n' + nonceHex + '\n' + (beacon === null || beacon === undefined ? '' : beacon)
      + '\n' + popHash + '\n' + planNumber + '\n' + batch;
  }

  function seed(algorithm, nonceHex, beacon, popHash, planNumber, batch) {
    return sha256(utf8.encode(seedText(algorithm, nonceHex, beacon, popHash, planNumber, batch)));
  }

  function hmacKey(seedBytes) {
    return crypto.subtle.importKey('raw', seedBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }

  /** Lower-case hex HMAC-SHA256(seed bytes, UTF-8 USCC). */
  function keyHex(seedHex, uscc) {
    return hmacKey(unhex(seedHex)).then(function (key) {
      return crypto.subtle.sign('HMAC', key, utf8.encode(uscc));
    }).then(hex);
  }

  /** The population with its keys, in key order (ties by USCC). */
  async function inKeyOrder(key, population, progress) {
    var keyed = [];
    for (var from = 0; from < population.length; from += CHUNK) {
      var part = population.slice(from, from + CHUNK);
      var macs = await Promise.all(part.map(function (uscc) {
        return crypto.subtle.sign('HMAC', key, utf8.encode(uscc));
      }));
      for (var i = 0; i < part.length; i++) {
        keyed.push({ uscc: part[i], key: new Uint8Array(macs[i]) });
      }
      progress(part.length);
    }
    keyed.sort(function (a, b) {
      return compareBytes(a.key, b.key) || compareUtf8(a.uscc, b.uscc);
    });
    return keyed;
  }

  function Unreadable(message) {
    this.message = message;
  }

  function field(obj, name, where) {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new Unreadable(where + '不是 JSON 对象');
    }
    if (!Object.prototype.hasOwnProperty.call(obj, name)) {
      throw new Unreadable(where + '缺少字段“' + name + '”');
    }
    return obj[name];
  }

  function text(obj, name, where) {
    var v = field(obj, name, where);
    if (typeof v !== 'string') {
      throw new Unreadable(where + '的字段“' + name + '”不是字符串');
    }
    return v;
  }

  function texts(obj, name, where) {
    var v = field(obj, name, where);
    if (!Array.isArray(v) || v.some(function (x) { return typeof x !== 'string'; })) {
      throw new Unreadable(where + '的字段“' + name + '”不是字符串数组');
    }
    return v;
  }

  function isWhole(v, min) {
    return typeof v === 'number' && Number.isInteger(v) && v >= min;
  }

  /** What is wrong with a v2 stratum's rule row, or null (the checks of VerifyDraw.ruleProblem). */
  function ruleProblem(s, at) {
    var rule = field(s, 'rule', at);
    var where = at + '的规则';
    text(rule, 'decision', where);
    var id = text(rule, 'id', where);
    var ruleRatio = text(rule, 'ratio', where);
    var version = field(rule, 'version', where);
    var row = field(rule, 'row', where);
    var cap = field(rule, 'yearlyCap', where);
    var source = text(s, 'ratioSource', at);
    if (id === '') {
      return '规则编号为空';
    }
    if (!isWhole(version, 1) || !isWhole(row, 1) || !isWhole(cap, 0)) {
      return '规则的版本和行号应为从 1 起的整数，年度抽查次数上限应为从 0 起的整数';
    }
    var fromRule = parseDecimal(ruleRatio);
    var ratio = parseDecimal(text(s, 'ratio', at));
    if (fromRule === null) {
      return '规则的抽取比例“' + ruleRatio + '”不是小数';
    }
    if (ratio === null) {
      return null; // the ratio itself is reported with the draw count below
    }
    // compare a/b with c/d exactly: a*d against c*b (denominators are positive)
    var diff = ratio.num * fromRule.den - fromRule.num * ratio.den;
    if (source === 'rule') {
      return diff === BigInt(0) ? null : '抽取比例 ' + s.ratio + ' 与规则第 ' + row + ' 行的 ' + ruleRatio + ' 不同（比例来源：rule）';
    }
    if (source === 'floor') {
      return diff > BigInt(0) ? null : '抽取比例 ' + s.ratio + ' 不高于规则第 ' + row + ' 行的 ' + ruleRatio + '（比例来源：floor）';
    }
    if (source === 'plan') {
      return null;
    }
    return '比例来源“' + source + '”不是 rule、plan、floor 之一';
  }

  function mismatch(difference) {
    return { match: false, unreadable: false, difference: difference };
  }

  /**
   * Recomputes the draw of a record. Resolves to {match: true} or {match: false, difference}; a
   * record that is not a draw record at all gives {match: false, unreadable: true, difference}.
   */
  async function verify(record, onProgress) {
    var progress = onProgress || function () {};
    try {
      return await verifyRecord(record, progress);
    } catch (e) {
      if (e instanceof Unreadable) {
        return { match: false, unreadable: true, difference: '记录无法读取：' + e.message };
      }
      throw e;
    }
  }

  async function verifyRecord(record, progress) {
    var where = '记录';
    var algorithm = text(record, 'algorithm', where);
    if (algorithm !== ALGORITHM && algorithm !== ALGORITHM_V2) {
      return mismatch('算法为“' + algorithm + '”，本页只能核验 ' + ALGORITHM + ' 和 ' + ALGORITHM_V2);
    }
    var v2 = algorithm === ALGORITHM_V2;
    var planNumber = text(record, 'planNumber', where);
    var batch = field(record, 'batch', where);
    if (typeof batch !== 'number') {
      throw new Unreadable('字段“batch”不是数字');
    }
    if (!Number.isInteger(batch) || batch < 1) {
      return mismatch('批次 ' + batch + ' 不是从 1 起的整数');
    }
    var recordedCommitment = text(record, 'commitment', where);
    var nonce = text(record, 'nonce', where);
    var beacon = field(record, 'beacon', where) === null ? '' : text(record, 'beacon', where);
    var recordedHash = text(record, 'populationHash', where);
    var recordedSeed = text(record, 'seed', where);
    var strataJson = field(record, 'strata', where);
    if (!Array.isArray(strataJson)) {
      throw new Unreadable('字段“strata”不是数组');
    }
    var strata = strataJson.map(function (s, i) {
      var at = '第 ' + (i + 1) + ' 层';
      return {
        label: at + ' “' + text(s, 'name', at) + '”',
        name: s.name,
        ratio: text(s, 'ratio', at),
        ruleProblem: v2 ? ruleProblem(s, at) : null,
        population: texts(s, 'population', at),
        selected: texts(s, 'selected', at)
      };
    });
    if (v2) {
      var names = new Set();
      for (var r = 0; r < strata.length; r++) {
        if (names.has(strata[r].name)) {
          return mismatch('层名“' + strata[r].name + '”重复');
        }
        names.add(strata[r].name);
        if (strata[r].ruleProblem !== null) {
          return mismatch(strata[r].label + '：' + strata[r].ruleProblem);
        }
      }
    }

    // 1. the nonce is the one committed to at publication
    if (!/^[0-9a-f]{64}$/.test(nonce)) {
      return mismatch('随机数（nonce）不是 64 位小写十六进制数（32 字节）');
    }
    var c = await commitment(nonce);
    if (c !== recordedCommitment) {
      return mismatch('承诺值不一致：记录为 ' + recordedCommitment + '，SHA-256(随机数) 重算为 ' + c);
    }

    // 2. the population is the one whose hash was published at freezing
    var union = [];
    strata.forEach(function (s) {
      Array.prototype.push.apply(union, s.population);
    });
    var h = await populationHash(union);
    if (h !== recordedHash) {
      return mismatch('名单哈希不一致：记录为 ' + recordedHash + '，按全部 ' + union.length
        + ' 个统一社会信用代码重算为 ' + h);
    }
    var stratumOf = new Map();
    for (var i = 0; i < strata.length; i++) {
      var p = strata[i].population;
      for (var j = 0; j < p.length; j++) {
        if (j > 0 && compareUtf8(p[j - 1], p[j]) >= 0) {
          return mismatch(strata[i].label + ' 的名单第 ' + (j + 1) + ' 个 ' + p[j] + ' 未排在第 ' + j + ' 个 '
            + p[j - 1] + ' 之后（应按字节升序排列且不重复）');
        }
        if (stratumOf.has(p[j])) {
          return mismatch('统一社会信用代码 ' + p[j] + ' 同时出现在“' + stratumOf.get(p[j]) + '”层和“'
            + strata[i].name + '”层');
        }
        stratumOf.set(p[j], strata[i].name);
      }
    }

    // 3. the seed
    var seedBytes = await seed(algorithm, nonce, beacon, recordedHash, planNumber, batch);
    if (hex(seedBytes) !== recordedSeed) {
      return mismatch('种子不一致：记录为 ' + recordedSeed + '，重算为 ' + hex(seedBytes));
    }

    // 4. each stratum: the ceil(ratio × size) smallest HMAC keys, in key order
    var key = await hmacKey(seedBytes);
    var done = 0;
    for (var k = 0; k < strata.length; k++) {
      var s = strata[k];
      var count = drawCount(s.ratio, s.population.length);
      if (count === null) {
        return mismatch(s.label + ' 的抽取比例“' + s.ratio + '”不是 0 到 1 之间的小数');
      }
      if (s.selected.length !== count) {
        return mismatch(s.label + ' 的抽中数量不一致：记录为 ' + s.selected.length + ' 个，ceil(' + s.ratio
          + ' × ' + s.population.length + ') 重算为 ' + count + ' 个');
      }
      var ordered = await inKeyOrder(key, s.population, function (n) {
        done += n;
        progress(done, union.length);
      });
      for (var m = 0; m < count; m++) {
        if (ordered[m].uscc !== s.selected[m]) {
          return mismatch(s.label + ' 的第 ' + (m + 1) + ' 个抽中对象不一致：记录为 ' + s.selected[m]
            + '，重算为 ' + ordered[m].uscc);
        }
      }
    }
    return { match: true, unreadable: false, difference: null };
  }

  window.onedoorDrawV1 = {
    ALGORITHM: ALGORITHM,
    ALGORITHM_V2: ALGORITHM_V2,
    compareUtf8: compareUtf8,
    drawCount: drawCount,
    commitment: commitment,
    populationHash: populationHash,
    /** The seed as hex; {@code algorithm} defaults to onedoor-draw-v1. */
    seedHex: function (nonceHex, beacon, popHash, planNumber, batch, algorithm) {
      return seed(algorithm || ALGORITHM, nonceHex, beacon, popHash, planNumber, batch).then(hex);
    },
    keyHex: keyHex,
    verify: verify
  };

  // ---- the page ----

  function show(element, kind, message) {
    element.className = 'verify-result ' + kind;
    element.textContent = message;
  }

  function wire() {
    var button = document.getElementById('verify');
    var result = document.getElementById('verify-result');
    var source = document.getElementById('draw-record');
    if (!button || !result || !source) {
      return;
    }
    var noScript = document.getElementById('needs-script');
    if (noScript) {
      noScript.hidden = true;
    }
    if (!window.crypto || !window.crypto.subtle) {
      show(result, 'error', '此浏览器在当前连接下不提供 Web Crypto（通常因为页面经 http 而非 https 打开）。'
        + '请通过 https 打开本页，或保存本页后在本机打开，或使用下方的 JDK 核验命令。');
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var record;
      try {
        record = JSON.parse(source.textContent);
      } catch (e) {
        show(result, 'mismatch', '不一致：页面内嵌的记录不是有效的 JSON（' + e.message + '）');
        return;
      }
      button.disabled = true;
      show(result, 'busy', '正在重算……');
      verify(record, function (done, total) {
        show(result, 'busy', '正在重算抽取键值：' + done + ' / ' + total);
      }).then(function (outcome) {
        if (outcome.match) {
          show(result, 'match', '一致：按 ' + record.algorithm + ' 重算的承诺值、名单哈希、种子和每一层的抽中对象'
            + '与记录完全相同' + (record.algorithm === ALGORITHM_V2 ? '，各层的抽取比例与所列规则相符' : '') + '。');
        } else {
          show(result, 'mismatch', '不一致：' + outcome.difference);
        }
      }, function (e) {
        show(result, 'error', '核验未能完成：' + (e && e.message ? e.message : e));
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
