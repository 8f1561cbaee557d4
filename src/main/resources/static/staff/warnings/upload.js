// 风险预警页的“监测数据导入”：上传 CSV / XLSX 文件，每秒查询一次导入报告（读入、存入、重复、拒绝的行数，
// 产生的预警，每个被拒绝的行），直到完成。不依赖任何库；页面的内容安全策略只允许本站的脚本文件。
// 以 Tasklist 登录会话打开时，上传带上会话的防跨站令牌（GET/HEAD 响应头 X-XSRF-TOKEN）；以 HTTP Basic 打开时不需要。
(function () {
  'use strict';
  var card = document.getElementById('monitoring-upload');
  if (!card) { return; }
  var $ = function (id) { return document.getElementById(id); };
  // absolute, from location.origin: a page opened as http://user:password@host/… has the credentials in its
  // base URL, and fetch refuses a URL that carries credentials
  var UPLOAD = location.origin + card.getAttribute('data-upload');
  var TEMPLATE = location.origin + card.getAttribute('data-template');
  var MAX_BYTES = Number(card.getAttribute('data-max-bytes'));
  var MAX_FILE = card.getAttribute('data-max-file');
  var STATUS = { QUEUED: '排队中', RUNNING: '导入中', DONE: '完成', FAILED: '失败' };
  var MAX_SHOWN = 1000;
  // the last upload of this tab: its report is shown again after a reload (e.g. to see the new warnings)
  var KEY = 'onedoor.monitoring-upload';
  var form = $('upload-form'), message = $('upload-message');
  var csrfToken = null, timer = null, shownRejections = -1, shownStatus = null;

  function show(text, info) {
    message.textContent = text;
    message.className = info ? 'message info' : 'message';
    message.hidden = !text;
  }

  function number(n) { return (n || 0).toLocaleString('zh-CN'); }

  function remember(token) { if (token) { csrfToken = token; } }

  function parse(text) {
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  // onedoor 的错误格式：{"status":…,"error":…,"path":…,"errors":[{"field":…,"reason":…}]}
  function explain(status, body, what) {
    var errors = body && body.errors ? body.errors : [];
    var reasons = errors.map(function (e) { return e.reason; }).join('；');
    var field = errors.length ? errors[0].field : '';
    switch (status) {
      case 0: return what + '失败：无法连接服务器，请检查网络后重试。';
      case 400: return what + '被拒绝' + (reasons ? '：' + reasons : '（HTTP 400）。');
      case 401: return '未登录或登录已失效：请刷新页面并重新登录。';
      case 403:
        if (field === 'X-XSRF-TOKEN') { return '登录会话的防跨站令牌已失效：请刷新页面后重试。'; }
        if (field === 'origin') { return reasons; }
        return '没有权限' + (reasons ? '：' + reasons : '：只有监测来源所属部门的人员或系统管理员可以上传监测数据。');
      case 404: return what + '失败：没有找到（HTTP 404）' + (reasons ? '：' + reasons : '。');
      case 413: return '文件过大：上限为 ' + MAX_FILE + '，请拆分为多个文件后分别上传。';
      default:
        if (status >= 500) { return what + '失败：服务器出错（HTTP ' + status + '），请稍后再试；仍不行请联系系统管理员。'; }
        return what + '失败（HTTP ' + status + '）' + (reasons ? '：' + reasons : '。');
    }
  }

  function request(method, url, body, onUploadProgress) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (method !== 'GET' && method !== 'HEAD' && csrfToken) { xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken); }
      if (onUploadProgress) { xhr.upload.onprogress = onUploadProgress; }
      xhr.onload = function () {
        remember(xhr.getResponseHeader('X-XSRF-TOKEN'));
        resolve({ status: xhr.status, body: parse(xhr.responseText), xhr: xhr });
      };
      xhr.onerror = function () { resolve({ status: 0, body: null, xhr: xhr }); };
      xhr.send(body || null);
    });
  }

  // 模板：先确认能取到（登录未失效），再下载
  $('upload-template').addEventListener('click', function (e) {
    e.preventDefault();
    var link = this;
    var xhr = new XMLHttpRequest();
    xhr.open('GET', TEMPLATE);
    xhr.responseType = 'blob';
    xhr.onload = function () {
      remember(xhr.getResponseHeader('X-XSRF-TOKEN'));
      if (xhr.status !== 200) { show(explain(xhr.status, null, '下载模板')); return; }
      var name = link.getAttribute('download') || '监测数据导入模板.csv';
      var star = /filename\*=UTF-8''([^;]+)/i.exec(xhr.getResponseHeader('Content-Disposition') || '');
      if (star) { name = decodeURIComponent(star[1]); }
      var a = document.createElement('a');
      a.href = URL.createObjectURL(xhr.response);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    };
    xhr.onerror = function () { show(explain(0, null, '下载模板')); };
    xhr.send();
  });

  $('upload-file').addEventListener('change', function () { show(''); });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = $('upload-file').files[0];
    if (!file) { show('请选择要上传的文件（CSV 或 XLSX）。'); $('upload-file').focus(); return; }
    if (MAX_BYTES && file.size > MAX_BYTES) {
      show('文件过大：上限为 ' + MAX_FILE + '，请拆分为多个文件后分别上传。');
      return;
    }
    if (/\.xls$/i.test(file.name)) {
      show('这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后再上传。');
      return;
    }
    var data = new FormData();
    data.append('file', file, file.name);
    if ($('upload-charset').value) { data.append('charset', $('upload-charset').value); }
    $('upload-submit').disabled = true;
    stopPolling();
    show('正在上传……', true);
    // signed in through Tasklist: the session's token comes with a GET or HEAD; under HTTP Basic there is none
    (csrfToken ? Promise.resolve() : request('HEAD', TEMPLATE)).then(function () {
      return request('POST', UPLOAD, data, function (progress) {
        if (progress.lengthComputable && progress.total > 0) {
          show('正在上传……' + Math.floor(100 * progress.loaded / progress.total) + '%', true);
        }
      });
    }).then(function (response) {
      if (response.status !== 202 || !response.body || !response.body.id) {
        show(explain(response.status, response.body, '上传'));
        return;
      }
      show('');
      try { sessionStorage.setItem(KEY, String(response.body.id)); } catch (ignored) { /* private mode */ }
      form.reset();
      startPolling(response.body.id, true);
    }).then(function () { $('upload-submit').disabled = false; });
  });

  function stopPolling() { if (timer) { clearTimeout(timer); timer = null; } }

  function startPolling(id, fresh) {
    shownRejections = -1;
    shownStatus = null;
    $('upload-id').textContent = '#' + id;
    $('upload-file-name').textContent = '';
    $('upload-progress').hidden = false;
    $('upload-rejections').hidden = true;
    $('upload-after').hidden = true;
    if (fresh) {
      render({ status: 'QUEUED', rowsDone: 0, rowsTotal: 0, progressPercent: 0, rejections: [] });
    }
    poll(id, fresh);
  }

  function poll(id, fresh) {
    request('GET', UPLOAD + '/' + encodeURIComponent(id)).then(function (response) {
      if (response.status === 200 && response.body) {
        render(response.body);
        if (response.body.status !== 'DONE' && response.body.status !== 'FAILED') {
          timer = setTimeout(function () { poll(id, fresh); }, 1000);
        }
        return;
      }
      if (!fresh && (response.status === 403 || response.status === 404)) {
        // the remembered upload is not this user's (another sign-in in this tab) or is gone: forget it
        try { sessionStorage.removeItem(KEY); } catch (ignored) { /* private mode */ }
        $('upload-progress').hidden = true;
        return;
      }
      if (response.status === 0 || response.status >= 500) {
        show('暂时无法查询导入进度，稍后自动重试……', true);
        timer = setTimeout(function () { poll(id, fresh); }, 3000);
        return;
      }
      show(explain(response.status, response.body, '查询导入报告'));
    });
  }

  function render(report) {
    var status = $('upload-status');
    status.textContent = STATUS[report.status] || report.status;
    status.setAttribute('data-status', report.status);
    if (report.fileName) { $('upload-file-name').textContent = report.fileName; }
    var percent = report.progressPercent || 0;
    $('upload-bar').value = percent;
    $('upload-bar').textContent = percent + '%';
    $('upload-read').textContent = number(report.rowsDone) + ' / ' + number(report.rowsTotal) + ' 行';
    $('upload-stored').textContent = number(report.rowsCreated) + ' 行';
    $('upload-duplicates').textContent = number(report.rowsUnchanged) + ' 行';
    $('upload-rejected').textContent = number(report.rowsRejected) + ' 行';
    var counted = typeof report.warningsRaised === 'number';
    $('upload-warnings-fact').hidden = !counted;
    if (counted) { $('upload-warnings').textContent = number(report.warningsRaised) + ' 条'; }
    // the live region speaks when the status changes, not at every second's new count
    if (report.status !== shownStatus) {
      shownStatus = report.status;
      $('upload-summary').textContent = summary(report, counted);
    }
    $('upload-after').hidden = report.status !== 'DONE';
    renderRejections(report.rejections || [], report.rowsRejected || 0);
  }

  function summary(report, counted) {
    switch (report.status) {
      case 'QUEUED': return '已上传，排队等待导入……';
      case 'RUNNING': return '正在导入，可离开本页，稍后回来查看。';
      case 'DONE':
        return '导入完成：读入 ' + number(report.rowsDone) + ' 行，存入 ' + number(report.rowsCreated) + ' 行，重复 '
          + number(report.rowsUnchanged) + ' 行，拒绝 ' + number(report.rowsRejected) + ' 行'
          + (counted ? '，产生风险预警 ' + number(report.warningsRaised) + ' 条' : '') + '。';
      case 'FAILED': return '导入失败：' + (report.message || '原因未知') + '。';
      default: return report.message || '';
    }
  }

  function renderRejections(rows, rejectedRows) {
    if (rows.length === shownRejections) { return; }
    shownRejections = rows.length;
    $('upload-rejections').hidden = rows.length === 0;
    $('upload-rejections-count').textContent = rows.length
      ? '（' + number(rejectedRows) + ' 行，' + number(rows.length) + ' 处问题）' : '';
    var fragment = document.createDocumentFragment();
    rows.slice(0, MAX_SHOWN).forEach(function (r) {
      var tr = document.createElement('tr');
      [['行号', r.row], ['列', r.column == null ? '（整行）' : r.column], ['原因', r.reason]].forEach(function (cell) {
        var td = document.createElement('td');
        td.setAttribute('data-label', cell[0]);
        td.textContent = cell[1]; // text, never HTML
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    $('upload-rejection-rows').replaceChildren(fragment);
    var more = $('upload-rejections-more');
    more.hidden = rows.length <= MAX_SHOWN;
    more.textContent = '仅显示前 ' + number(MAX_SHOWN) + ' 处，共 ' + number(rows.length) + ' 处。';
  }

  // the list again with the filters it has now (the new warnings are at its top)
  $('upload-refresh').href = location.pathname + location.search;

  // a reload shows the last upload of this tab again
  var last = null;
  try { last = sessionStorage.getItem(KEY); } catch (ignored) { /* private mode */ }
  if (last && /^\d+$/.test(last)) { startPolling(last, false); }
})();
