// 经营异常案件页面：查看案件、决定书和已登记的异议、移出申请，登记企业交来的异议和移出申请（连同材料）。不依赖任何库。
// 以 Tasklist 登录会话打开时，提交带上会话的防跨站令牌（GET 响应头 X-XSRF-TOKEN）；以 HTTP Basic 打开时不需要。
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  // /staff/listings/{id}
  var id = decodeURIComponent(location.pathname.split('/')[3] || '');
  var BASE = location.origin + '/api/v1/listings/' + encodeURIComponent(id);
  var csrfToken = null;
  var FIELDS = { filedOn: '收到日期', content: '异议内容', evidence: '证据说明', documents: '材料',
    appliedOn: '申请日期', reasonCode: '移出原因', remedy: '整改情况', body: '请求' };

  $('case-id').textContent = id;

  function show(text, info) {
    $('message').textContent = text;
    $('message').className = info ? 'message info' : 'message';
    $('message').hidden = !text;
    if (text) { $('message').scrollIntoView({ block: 'nearest' }); }
  }

  function errorText(status, body) {
    try {
      var e = JSON.parse(body);
      if (e.errors && e.errors.length) {
        return e.errors.map(function (x) { return (FIELDS[x.field] ? FIELDS[x.field] + '：' : '') + x.reason; }).join('；');
      }
      if (e.detail) { return e.detail; }
      if (e.message) { return e.message; }
    } catch (ignored) { /* not JSON */ }
    if (status === 401) { return '登录已失效，请重新登录 Tasklist 后再打开本页。'; }
    if (status === 403) { return '只有作出决定的部门的工作人员可以查看和登记。'; }
    if (status === 404) { return '没有这个案件。'; }
    if (status === 413) { return '文件太大，请分开登记或压缩后再试。'; }
    return '出错了（HTTP ' + status + '），请稍后重试。';
  }

  function request(method, url, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (method !== 'GET' && csrfToken) { xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken); }
    xhr.onload = function () {
      csrfToken = xhr.getResponseHeader('X-XSRF-TOKEN') || csrfToken;
      done(xhr.status, xhr.responseText);
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后重试。'); };
    xhr.send(body || null);
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text != null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function chineseDate(iso) {
    if (!iso) { return ''; }
    var p = String(iso).split('-');
    return p.length === 3 ? Number(p[0]) + '年' + Number(p[1]) + '月' + Number(p[2]) + '日' : iso;
  }

  function documentList(docs) {
    var ul = el('ul', null, 'docs');
    docs.forEach(function (d) {
      var li = el('li');
      var a = el('a', d.fileName);
      a.href = d.download;
      a.setAttribute('download', d.fileName);
      li.appendChild(a);
      li.appendChild(document.createTextNode('（' + d.typeLabel + '，' + d.size + '，' + d.uploadedBy + ' 于 '
        + d.uploadedAt + ' 登记）'));
      var hash = el('div', 'SHA-256 ' + d.sha256, 'hash');
      li.appendChild(hash);
      ul.appendChild(li);
    });
    return ul;
  }

  function filings(containerId, emptyId, items, title) {
    var box = $(containerId);
    box.textContent = '';
    items.forEach(function (f) {
      var div = el('div', null, 'filing');
      div.setAttribute('data-id', f.id);
      div.appendChild(el('h3', title(f) + ' · ' + f.statusLabel));
      if (f.reasonLabel) { div.appendChild(el('p', '移出原因：' + f.reasonLabel)); }
      div.appendChild(el('p', f.text));
      if (f.note) { div.appendChild(el('p', (containerId === 'objections' ? '证据说明：' : '核实情况：') + f.note)); }
      if (f.deadline) { div.appendChild(el('p', f.deadline, 'meta')); }
      if (f.outcome) { div.appendChild(el('p', '意见：' + f.outcome, 'meta')); }
      div.appendChild(el('p', '登记人：' + f.enteredBy, 'meta'));
      if (f.documents && f.documents.length) {
        div.appendChild(el('p', '材料（' + f.documents.length + ' 个）：', 'meta'));
        div.appendChild(documentList(f.documents));
      } else {
        div.appendChild(el('p', '未交材料', 'meta'));
      }
      box.appendChild(div);
    });
    $(emptyId).hidden = items.length > 0;
  }

  function render(c) {
    $('loading').hidden = true;
    $('case').hidden = false;
    document.title = c.entityName + ' · 经营异常案件 · onedoor';
    $('entity-name').textContent = c.entityName;
    $('department').textContent = c.departmentName;
    $('name').textContent = c.entityName;
    $('uscc').textContent = c.uscc;
    $('authority').textContent = c.departmentName;
    $('status').textContent = c.statusLabel;
    $('ground').textContent = c.ground + '. ' + c.groundLabel + '（' + c.action + '）';
    $('facts').textContent = c.facts || '—';
    $('decision-number').textContent = c.decisionNumber || '（尚未作出决定）';
    $('listed-on').textContent = c.listedOn || '—';
    // the deadline of the listing decision matters while it is being decided
    $('decision-deadline').textContent = c.decisionDeadline && c.status === 'PROPOSED'
      ? c.decisionDeadline + '（当日 24 时前）' : '—';
    $('objection-window').textContent = c.objectionWindowEnds ? '至 ' + c.objectionWindowEnds : '—';
    $('removal-window').textContent = c.removalWindowEnds ? '至 ' + c.removalWindowEnds : '—';
    $('closed-row').hidden = !c.closedOn;
    $('closed').textContent = c.closedOn ? c.closedOn + (c.closeReason ? '：' + c.closeReason : '') : '';
    $('objection-hint').textContent = c.awaitingObjection
      ? '企业对列入决定有异议的，自公示之日起 30 日内提出（至 ' + c.objectionWindowEnds + '）。登记后交科长受理审查。'
      : '本案件现在不接受异议登记（未列入、已有异议正在办理或已办结）；登记会被拒绝并说明原因。';
    $('removal-hint').textContent = c.awaitingRemoval
      ? '企业已纠正列入事由的，可申请移出（至 ' + c.removalWindowEnds + '）。' + (c.ground === '3' || c.ground === '4'
        ? '登记后由检查人员核实整改情况，再交科长审批。' : '登记后交科长审批。')
      : '本案件现在不接受移出申请（未列入、已有移出申请正在办理或已办结）；登记会被拒绝并说明原因。';
    Array.prototype.forEach.call(document.querySelectorAll('.limits'), function (s) { s.textContent = c.documentLimits; });
    var select = $('removal-reason');
    var chosen = select.value;
    select.textContent = '';
    c.removalReasons.forEach(function (r) {
      var o = el('option', r.code + '. ' + r.label + (r.allowed ? '' : '（与列入事由不对应）'));
      o.value = r.code;
      o.disabled = !r.allowed;
      o.selected = chosen ? chosen === r.code : r.allowed;
      select.appendChild(o);
    });
    filings('objections', 'objections-empty', c.objections, function (f) { return '收到日期 ' + f.filedOn; });
    filings('removals', 'removals-empty', c.removals, function (f) { return '申请日期 ' + f.filedOn; });
    var steps = $('steps');
    steps.textContent = '';
    c.steps.forEach(function (s) {
      steps.appendChild(el('li', s.at + ' ' + s.actor + '：' + s.summary + (s.reason ? '（' + s.reason + '）' : '')));
    });
  }

  function renderLetters(letters) {
    var ul = $('letters');
    ul.textContent = '';
    letters.forEach(function (l) {
      var li = el('li');
      var a = el('a', l.title + ' ' + l.decisionNumber + '（PDF）');
      a.href = l.download;
      li.appendChild(a);
      li.appendChild(document.createTextNode(' ' + chineseDate(l.decidedOn)));
      ul.appendChild(li);
    });
    ul.hidden = letters.length === 0;
    $('letters-empty').hidden = letters.length > 0;
  }

  function load() {
    request('GET', BASE + '/case', null, function (status, body) {
      if (status === 200) {
        render(JSON.parse(body));
        request('GET', BASE + '/letters', null, function (s, b) { if (s === 200) { renderLetters(JSON.parse(b)); } });
      } else {
        $('loading').hidden = true;
        show(errorText(status, body));
      }
    });
  }

  function submit(form, url, data, button, success) {
    button.disabled = true;
    show('正在提交…', true);
    request('POST', url, data, function (status, text) {
      button.disabled = false;
      if (status === 201) {
        form.reset();
        show(success, true);
        load();
      } else {
        show(errorText(status, text));
      }
    });
  }

  function formData(fields, filesId) {
    var data = new FormData();
    Object.keys(fields).forEach(function (k) { data.append(k, fields[k]); });
    Array.prototype.forEach.call($(filesId).files, function (f) { data.append('documents', f, f.name); });
    return data;
  }

  $('objection').addEventListener('submit', function (e) {
    e.preventDefault();
    submit($('objection'), BASE + '/objections', formData({ filedOn: $('objection-filed-on').value,
      content: $('objection-content').value.trim(), evidence: $('objection-evidence').value.trim() },
      'objection-documents'), $('objection-submit'), '已登记异议，受理审查任务已交科长办理。');
  });
  $('removal').addEventListener('submit', function (e) {
    e.preventDefault();
    submit($('removal'), BASE + '/removal-applications', formData({ appliedOn: $('removal-applied-on').value,
      reasonCode: $('removal-reason').value, remedy: $('removal-remedy').value.trim() }, 'removal-documents'),
      $('removal-submit'), '已登记移出申请，已交办理。');
  });

  load();
}());
