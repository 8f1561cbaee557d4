// 证据材料页面：拍照或选择文件上传（显示进度），列出已上传的文件及其 SHA-256。不依赖任何库。
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

  $('number').textContent = number;
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
      cell(row, '大小', size(e.sizeBytes));
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
      if (xhr.status === 200) { render(JSON.parse(xhr.responseText)); } else { show(errorText(xhr.status, xhr.responseText)); }
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后刷新。'); };
    xhr.send();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = ($('camera').files[0]) || ($('file').files[0]);
    if (!file) { show('请先拍照或选择文件。'); return; }
    if (maxBytes && file.size > maxBytes) { show('文件超过 ' + size(maxBytes) + ' 的上限。'); return; }
    var data = new FormData();
    data.append('file', file, file.name);
    if ($('description').value.trim()) { data.append('description', $('description').value.trim()); }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', API);
    xhr.setRequestHeader('Accept', 'application/json');
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
  });

  load();
}());
