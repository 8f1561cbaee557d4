// 批量导入页面：上传文件，每秒查询一次进度，显示被拒绝的行。不依赖任何库。
(function () {
  'use strict';
  // absolute, from location.origin: a page opened as http://user:password@host/… has the
  // credentials in its base URL, and fetch refuses a URL that carries credentials
  var API = location.origin + '/api/management/v1/imports/';
  var KINDS = { entities: '检查对象', inspectors: '执法检查人员', conflicts: '回避关系', catalogue: '抽查事项清单' };
  var STATUS = { QUEUED: '排队中', RUNNING: '导入中', DONE: '完成', FAILED: '失败' };
  var MAX_SHOWN = 1000;
  var $ = function (id) { return document.getElementById(id); };
  var form = $('upload'), message = $('message'), timer = null, shownRejections = -1;

  function kind() { return form.querySelector('input[name=kind]:checked').value; }

  function show(text, info) {
    message.textContent = text;
    message.className = info ? 'message info' : 'message';
    message.hidden = !text;
  }

  // onedoor 的错误格式：{"status":…,"error":…,"path":…,"errors":[{"field":…,"reason":…}]}
  function explain(response, body, what) {
    var reasons = body && body.errors ? body.errors.map(function (e) { return e.reason; }).join('；') : '';
    switch (response.status) {
      case 401: return '未登录或登录已失效：请刷新页面并重新登录。';
      case 403: return '没有权限（仅系统管理员可导入）' + (reasons ? '：' + reasons : '。');
      case 404:
      case 405: return '服务器尚未提供“' + KINDS[kind()] + '”的' + what + '（HTTP ' + response.status + '）。目前可导入：检查对象。';
      case 413: return '文件过大：上限为 50 MB，请拆分为多个文件。';
      default: return what + '失败（HTTP ' + response.status + '）' + (reasons ? '：' + reasons : '。');
    }
  }

  function readJson(response) {
    return response.text().then(function (text) {
      try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
    });
  }

  function updateTemplate() {
    $('template').href = API + kind() + '/template';
    $('template-kind').textContent = KINDS[kind()];
  }

  form.addEventListener('change', function (e) {
    if (e.target.name === 'kind') { updateTemplate(); show(''); }
  });

  // 模板：先确认服务器提供，再下载；未提供（404）时说明原因
  $('template').addEventListener('click', function (e) {
    e.preventDefault();
    var link = this;
    fetch(link.href, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        return readJson(response).then(function (body) { show(explain(response, body, '导入模板')); });
      }
      var name = KINDS[kind()] + '导入模板.csv';
      var disposition = response.headers.get('Content-Disposition') || '';
      var star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
      if (star) { name = decodeURIComponent(star[1]); }
      return response.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    }).catch(function () { show('无法连接服务器，请稍后再试。'); });
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = $('file').files[0];
    if (!file) { show('请选择要导入的文件。'); $('file').focus(); return; }
    if (file.size > 50 * 1024 * 1024) { show('文件过大：上限为 50 MB，请拆分为多个文件。'); return; }
    var data = new FormData();
    data.append('file', file, file.name);
    if ($('charset').value) { data.append('charset', $('charset').value); }
    show('正在上传……', true);
    $('submit').disabled = true;
    stopPolling();
    fetch(API + kind(), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        return readJson(response).then(function (body) {
          if (response.status !== 202 && response.status !== 200 && response.status !== 201) {
            show(explain(response, body, '导入'));
            return;
          }
          show('');
          startPolling(body.id);
        });
      })
      .catch(function () { show('上传失败：无法连接服务器。'); })
      .then(function () { $('submit').disabled = false; });
  });

  function stopPolling() { if (timer) { clearTimeout(timer); timer = null; } }

  function startPolling(id) {
    shownRejections = -1;
    $('import-id').textContent = '#' + id;
    $('progress-card').hidden = false;
    $('rejections-card').hidden = true;
    render({ status: 'QUEUED', rowsDone: 0, rowsTotal: 0, progressPercent: 0, rejections: [] });
    poll(id);
  }

  function poll(id) {
    fetch(API + id, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        return readJson(response).then(function (body) {
          if (!response.ok) { show(explain(response, body, '查询进度')); return; }
          render(body);
          if (body.status !== 'DONE' && body.status !== 'FAILED') {
            timer = setTimeout(function () { poll(id); }, 1000);
          }
        });
      })
      .catch(function () {
        show('暂时无法查询进度，稍后自动重试……', true);
        timer = setTimeout(function () { poll(id); }, 1000);
      });
  }

  function render(report) {
    var status = $('status');
    status.textContent = STATUS[report.status] || report.status;
    status.setAttribute('data-status', report.status);
    var percent = report.progressPercent || 0;
    $('progress').value = percent;
    $('progress').textContent = percent + '%';
    $('percent').textContent = percent + '%';
    $('rows').textContent = (report.rowsDone || 0).toLocaleString('zh-CN') + ' / ' + (report.rowsTotal || 0).toLocaleString('zh-CN');
    var summary = report.message || '';
    if (!summary && report.status === 'RUNNING') { summary = '正在导入，请勿关闭页面也可稍后回来查看。'; }
    $('summary').textContent = summary;
    renderRejections(report.rejections || [], report.rowsRejected || 0);
  }

  function renderRejections(rows, rejectedRows) {
    if (rows.length === shownRejections) { return; }
    shownRejections = rows.length;
    var card = $('rejections-card');
    card.hidden = rows.length === 0;
    $('rejected-count').textContent = rows.length ? '（' + rejectedRows + ' 行，' + rows.length + ' 处问题）' : '';
    var body = $('rejections').tBodies[0];
    var fragment = document.createDocumentFragment();
    rows.slice(0, MAX_SHOWN).forEach(function (r) {
      var tr = document.createElement('tr');
      [r.row, r.column == null ? '（整行）' : r.column, r.reason].forEach(function (value) {
        var td = document.createElement('td');
        td.textContent = value; // 文本，不解析 HTML
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    var more = $('rejections-more');
    more.hidden = rows.length <= MAX_SHOWN;
    more.textContent = '仅显示前 ' + MAX_SHOWN + ' 处，共 ' + rows.length + ' 处。';
  }

  updateTemplate();
})();
