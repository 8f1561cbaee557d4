// 责令改正页面：查看责令改正通知书和期限，登记企业交来的整改报告和延期申请。不依赖任何库。
// 以 Tasklist 登录会话打开时，提交带上会话的防跨站令牌（GET 响应头 X-XSRF-TOKEN）；以 HTTP Basic 打开时不需要。
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  // /staff/inspections/{number}/rectifications/{department}
  var parts = location.pathname.split('/');
  var number = decodeURIComponent(parts[3] || '');
  var department = decodeURIComponent(parts[5] || '');
  var BASE = location.origin + '/api/v1/inspections/' + encodeURIComponent(number) + '/rectifications/'
    + encodeURIComponent(department);
  var csrfToken = null;
  var FIELDS = { date: '报告日期', text: '整改情况', reason: '理由', requestedDeadline: '申请延至' };

  $('number').textContent = number;
  $('detail-link').href = '/staff/inspections/' + encodeURIComponent(number);
  $('evidence-link').href = '/staff/inspections/' + encodeURIComponent(number) + '/evidence';

  function show(text, info) {
    $('message').textContent = text;
    $('message').className = info ? 'message info' : 'message';
    $('message').hidden = !text;
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
    if (status === 403) { return '只有本部门参加检查的人员可以登记。'; }
    if (status === 404) { return '没有这个责令改正。'; }
    return '出错了（HTTP ' + status + '），请稍后重试。';
  }

  function request(method, url, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (body) { xhr.setRequestHeader('Content-Type', 'application/json'); }
    if (method !== 'GET' && csrfToken) { xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken); }
    xhr.onload = function () {
      csrfToken = xhr.getResponseHeader('X-XSRF-TOKEN') || csrfToken;
      done(xhr.status, xhr.responseText);
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后重试。'); };
    xhr.send(body ? JSON.stringify(body) : null);
  }

  function row(tbody, labels, values) {
    var tr = document.createElement('tr');
    values.forEach(function (v, i) {
      var td = document.createElement('td');
      td.setAttribute('data-label', labels[i]);
      td.textContent = v == null ? '' : String(v);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  function fill(tableId, emptyId, items, labels, values) {
    var tbody = $(tableId).querySelector('tbody');
    tbody.textContent = '';
    items.forEach(function (x) { row(tbody, labels, values(x)); });
    $(tableId).hidden = items.length === 0;
    $(emptyId).hidden = items.length > 0;
  }

  var STATUS = { AWAITING_ORDER: '待下达责令改正通知书', ORDERED: '整改中', REPORTED: '已报告整改，待复查',
    OVERDUE: '期限届满未报告，待复查', CORRECTED: '已改正', PENDING: '逾期未改正，已移送' };
  var EXT = { REQUESTED: '待审批', APPROVED: '已批准', REFUSED: '不予延期', LAPSED: '未审批（企业已报告整改）' };
  var UNIT = { DAYS: '日', WORKING_DAYS: '个工作日' };

  function render(r) {
    $('loading').hidden = true;
    $('order').hidden = false;
    $('department').textContent = r.departmentName || department;
    $('status').textContent = STATUS[r.status] || r.status;
    $('order-number').textContent = r.orderNumber || '（尚未下达）';
    $('deadline').textContent = r.deadline ? r.deadline + (r.periodLength ? '（' + r.periodLength + ' '
      + (UNIT[r.deadlineKind] || '') + '）' : '') : '—';
    $('items').textContent = r.orderItems || '—';
    $('notice-link').hidden = !r.orderNumber;
    $('notice-link').href = '/staff/inspections/' + encodeURIComponent(number) + '/rectifications/'
      + encodeURIComponent(department) + '/order.pdf';
    fill('reports', 'reports-empty', r.reports || [], ['报告日期', '整改情况', '逾期', '登记人'],
      function (x) { return [x.reportedOn, x.text, x.late ? '逾期报告' : '否', x.enteredBy]; });
    fill('extensions', 'extensions-empty', r.extensions || [], ['原期限', '申请延至', '理由', '状态', '审批意见'],
      function (x) { return [x.originalDeadline, x.requestedDeadline, x.reason, EXT[x.status] || x.status, x.decisionReason]; });
  }

  function load() {
    request('GET', BASE, null, function (status, body) {
      if (status === 200) { render(JSON.parse(body)); } else { $('loading').hidden = true; show(errorText(status, body)); }
    });
  }

  function submit(form, url, body, button, success) {
    button.disabled = true;
    request('POST', url, body, function (status, text) {
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

  $('report').addEventListener('submit', function (e) {
    e.preventDefault();
    submit($('report'), BASE + '/report', { date: $('report-date').value, text: $('report-text').value.trim() },
      $('report-submit'), '已登记企业的整改报告，复查任务已通知复查人员。');
  });
  $('extension').addEventListener('submit', function (e) {
    e.preventDefault();
    submit($('extension'), BASE + '/extension-requests',
      { requestedDeadline: $('extension-deadline').value, reason: $('extension-reason').value.trim() },
      $('extension-submit'), '已登记延期申请，等待复查人员审批。');
  });

  load();
}());
