// 证据材料页面：拍照或选择文件上传（显示进度），列出已上传的文件及其 SHA-256。不依赖任何库。
// 较大的 JPEG 照片先在手机上压缩（长边缩到 2560 像素，质量 0.85），保留 EXIF（exif-copy.js）；
// 压缩中任何一步出错都上传原图。阈值在 evidence.html 表单的 data-resize-* 属性中。
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  // /staff/inspections/{number}/evidence
  var parts = location.pathname.split('/');
  var number = decodeURIComponent(parts[3] || '');
  // absolute, from location.origin: a page opened with credentials in its URL must not pass them on
  var API = location.origin + '/api/v1/inspections/' + encodeURIComponent(number) + '/evidence';
  var TYPES = { 'image/jpeg': 'JPEG 照片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文档',
    'image/heic': 'HEIC 照片', 'image/webp': 'WebP 图片' };
  var NAMES = { jpeg: 'JPEG', png: 'PNG', pdf: 'PDF', heic: 'HEIC', webp: 'WebP' };
  var form = $('upload'), message = $('message'), maxBytes = 0;
  // signed in through Tasklist (session cookie): uploads carry the session's CSRF token, handed out on GETs
  var csrfToken = null;
  var RESIZE = {
    maxSide: Number(form.getAttribute('data-resize-max-side')) || 2560,
    overBytes: Number(form.getAttribute('data-resize-over-bytes')) || 1572864,
    quality: Number(form.getAttribute('data-resize-quality')) || 0.85
  };

  $('number').textContent = number;
  $('resize-hint').textContent = '默认将长边超过 ' + RESIZE.maxSide + ' 像素或大于 ' + size(RESIZE.overBytes)
    + ' 的 JPEG 照片在手机上缩小到长边 ' + RESIZE.maxSide + ' 像素后上传，保留拍摄时间和位置信息。';
  $('detail-link').href = '/staff/inspections/' + encodeURIComponent(number);

  function show(text, info) {
    message.textContent = text;
    message.className = info ? 'message info' : 'message';
    message.hidden = !text;
  }

  function size(bytes) {
    if (bytes >= 1048576) { return (bytes % 1048576 === 0 ? bytes / 1048576 : (bytes / 1048576).toFixed(1)) + ' MB'; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + ' KB'; }
    return bytes + ' 字节';
  }

  function time(iso) {
    var d = new Date(iso);
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  function errorText(status, body) {
    try {
      var e = JSON.parse(body);
      if (e.errors && e.errors.length) {
        return e.errors.map(function (x) { return x.reason; }).join('；');
      }
    } catch (ignored) { /* not JSON */ }
    if (status === 403) { return '您不是参加本次检查的部门人员，不能查看或上传证据材料。'; }
    if (status === 404) { return '没有这个检查。'; }
    if (status === 413) { return '文件太大。'; }
    return '出错了（HTTP ' + status + '），请稍后重试。';
  }

  function cell(row, label, text, className) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (className) { td.className = className; }
    if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text; }
    row.appendChild(td);
  }

  function render(list) {
    maxBytes = list.maxFileBytes;
    $('limits').textContent = '单个文件不超过 ' + size(list.maxFileBytes) + '；可接受 '
      + list.types.map(function (t) { return NAMES[t] || t; }).join('、') + '（按文件内容识别）；每次检查最多 '
      + list.maxFiles + ' 个文件。';
    var body = document.querySelector('#evidence tbody');
    body.textContent = '';
    list.items.forEach(function (e) {
      var row = document.createElement('tr');
      var link = document.createElement('a');
      link.href = API + '/' + e.id;
      link.textContent = e.fileName;
      link.target = '_blank';
      link.rel = 'noopener';
      cell(row, '文件', link);
      cell(row, '类型', TYPES[e.mediaType] || e.mediaType);
      cell(row, '大小', size(e.sizeBytes) + (e.originalSizeBytes ? '（已在手机端压缩，原图 ' + size(e.originalSizeBytes) + '）' : ''));
      cell(row, 'SHA-256', e.sha256, 'hash');
      cell(row, '上传人', e.uploadedBy);
      cell(row, '时间', time(e.uploadedAt));
      cell(row, '说明', e.description || '');
      body.appendChild(row);
    });
    $('count').textContent = list.items.length;
    $('evidence').hidden = list.items.length === 0;
    $('empty').hidden = list.items.length > 0;
  }

  function load() {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', API);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onload = function () {
      csrfToken = xhr.getResponseHeader('X-XSRF-TOKEN') || csrfToken;
      if (xhr.status === 200) { render(JSON.parse(xhr.responseText)); } else { show(errorText(xhr.status, xhr.responseText)); }
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后刷新。'); };
    xhr.send();
  }

  function bytesOf(blob) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(new Uint8Array(reader.result)); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(blob);
    });
  }

  // the photo decoded upright (EXIF orientation applied by the browser): {source, width, height}
  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
        return { source: bitmap, width: bitmap.width, height: bitmap.height };
      });
    }
    return new Promise(function (resolve, reject) {
      var img = new Image(), url = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(url); resolve({ source: img, width: img.naturalWidth, height: img.naturalHeight }); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('decode')); };
      img.src = url;
    });
  }

  function encode(canvas) {
    return new Promise(function (resolve, reject) {
      canvas.toBlob(function (blob) { if (blob) { resolve(blob); } else { reject(new Error('toBlob')); } }, 'image/jpeg', RESIZE.quality);
    });
  }

  // What to upload: {blob, originalSize (only when made smaller), note}. Never rejects: on any failure the original.
  function prepare(file) {
    var asIs = function (note) { return { blob: file, note: size(file.size) + '，' + note }; };
    if ($('original').checked) { return Promise.resolve(asIs('按原图上传（未压缩）')); }
    var original;
    return bytesOf(file).then(function (bytes) {
      original = bytes;
      if (!ExifCopy.isJpeg(bytes)) { return asIs('未压缩（只压缩 JPEG 照片）'); }
      // the long side from the frame header (turning the picture does not change it): decode only when needed
      var stored = ExifCopy.frameSize(bytes);
      if (Math.max(stored.width, stored.height) <= RESIZE.maxSide && file.size <= RESIZE.overBytes) {
        return asIs('未压缩（照片不大）');
      }
      return decode(file).then(function (picture) {
        var longSide = Math.max(picture.width, picture.height);
        // the decoder must have turned the picture upright, or the rewritten Orientation 1 would be wrong
        var turn = ExifCopy.orientation(bytes) >= 5;
        var upright = turn ? picture.width === stored.height : picture.width === stored.width;
        if (stored.width !== stored.height && !upright) { throw new Error('orientation not applied'); }
        var scale = Math.min(1, RESIZE.maxSide / longSide);
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(picture.width * scale));
        canvas.height = Math.max(1, Math.round(picture.height * scale));
        canvas.getContext('2d').drawImage(picture.source, 0, 0, canvas.width, canvas.height);
        if (picture.source.close) { picture.source.close(); }
        return encode(canvas).then(bytesOf).then(function (resized) {
          var result = ExifCopy.transplant(original, resized, canvas.width, canvas.height);
          if (result.bytes.length >= file.size) { return asIs('未压缩（压缩后并不更小）'); }
          var kept = [];
          if (result.dateTime) { kept.push('拍摄时间'); }
          if (result.gps) { kept.push('位置信息'); }
          return {
            blob: new Blob([result.bytes], { type: 'image/jpeg' }),
            originalSize: file.size,
            note: size(file.size) + ' → ' + size(result.bytes.length) + '，已压缩，'
              + (kept.length ? '保留' + kept.join('和') : '原图没有拍摄时间和位置信息')
          };
        });
      });
    }).catch(function () {
      return asIs('压缩失败，已按原图上传');
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = ($('camera').files[0]) || ($('file').files[0]);
    if (!file) { show('请先拍照或选择文件。'); return; }
    $('submit').disabled = true;
    $('sizes').hidden = true;
    show('正在处理“' + file.name + '”…', true);
    prepare(file).then(function (upload) { send(file, upload); });
  });

  function send(file, upload) {
    if (maxBytes && upload.blob.size > maxBytes) {
      $('submit').disabled = false;
      show('文件超过 ' + size(maxBytes) + ' 的上限。');
      return;
    }
    var data = new FormData();
    data.append('file', upload.blob, file.name);
    if (upload.originalSize) { data.append('originalSize', String(upload.originalSize)); }
    if ($('description').value.trim()) { data.append('description', $('description').value.trim()); }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', API);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) { xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken); }
    $('submit').disabled = true;
    $('progress-box').hidden = false;
    $('progress').value = 0;
    $('percent').textContent = '0%';
    show('正在上传“' + file.name + '”…', true);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        var p = Math.round(e.loaded * 100 / e.total);
        $('progress').value = p;
        $('percent').textContent = p + '%';
      }
    };
    xhr.onload = function () {
      $('submit').disabled = false;
      if (xhr.status === 201 || xhr.status === 200) {
        var e = JSON.parse(xhr.responseText);
        $('progress').value = 100;
        $('percent').textContent = '100%';
        show((xhr.status === 201 ? '已上传“' : '此文件已上传过：“') + e.fileName + '”，SHA-256 ' + e.sha256, true);
        $('sizes').textContent = e.fileName + '：' + upload.note;
        $('sizes').hidden = false;
        form.reset();
        load();
      } else {
        show(errorText(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = function () {
      $('submit').disabled = false;
      show('网络中断，文件未上传，请重试。');
    };
    xhr.send(data);
  }

  load();
}());
