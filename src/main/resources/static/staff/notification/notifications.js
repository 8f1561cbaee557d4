// 我的提醒：标为已读、全部标为已读、读取与保存提醒方式（站内始终开启，邮件和工作消息按事项选择）。不依赖任何库。
// 以 Tasklist 登录会话打开时，提交带上会话的防跨站令牌（GET 响应头 X-XSRF-TOKEN）；以 HTTP Basic 打开时不需要。
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var csrfToken = null;

  function show(text, info) {
    var box = $('message');
    box.textContent = text || '';
    box.className = info ? 'message info' : 'message';
    box.hidden = !text;
  }

  function errorText(status, body) {
    try {
      var e = JSON.parse(body);
      if (e.errors && e.errors.length) {
        return e.errors.map(function (x) { return x.reason; }).join('；');
      }
    } catch (ignored) { /* not JSON */ }
    if (status === 401) { return '登录已失效，请重新登录 Tasklist 后再打开本页。'; }
    if (status === 403) { return '没有权限，或会话已过期，请刷新页面后重试。'; }
    return '出错了（HTTP ' + status + '），请稍后重试。';
  }

  function call(method, path, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (body != null) { xhr.setRequestHeader('Content-Type', 'application/json'); }
    if (method !== 'GET' && csrfToken) { xhr.setRequestHeader('X-XSRF-TOKEN', csrfToken); }
    xhr.onload = function () {
      csrfToken = xhr.getResponseHeader('X-XSRF-TOKEN') || csrfToken;
      if (xhr.status >= 200 && xhr.status < 300) {
        done(xhr.responseText ? JSON.parse(xhr.responseText) : null);
      } else {
        show(errorText(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后重试。'); };
    xhr.send(body == null ? null : JSON.stringify(body));
  }

  function setUnread(n) {
    $('unread-count').textContent = String(n);
  }

  function markedRead(item) {
    item.classList.remove('unread');
    var state = item.querySelector('.state');
    if (state) { state.textContent = '已读'; }
    var button = item.querySelector('.mark-read');
    if (button) { button.remove(); }
  }

  function refreshCount() {
    call('GET', '/api/v1/notifications/unread-count', null, function (r) { setUnread(r.unread); });
  }

  var list = $('notes');
  if (list) {
    list.addEventListener('click', function (e) {
      var button = e.target.closest('.mark-read');
      if (!button) { return; }
      button.disabled = true;
      call('POST', '/api/v1/notifications/' + encodeURIComponent(button.getAttribute('data-id')) + '/read', null, function () {
        markedRead(button.closest('.note'));
        show('');
        refreshCount();
      });
    });
  }
  // 发送失败的提醒：本人重新发送
  if (list) {
    list.addEventListener('click', function (e) {
      var button = e.target.closest('.resend');
      if (!button) { return; }
      button.disabled = true;
      call('POST', '/api/v1/notifications/' + encodeURIComponent(button.getAttribute('data-id')) + '/resend', null, function (r) {
        var item = button.closest('.note');
        var badge = item.querySelector('.failed');
        if (badge) { badge.textContent = '已重新排队发送（' + r.resent + ' 条）'; badge.className = 'resent'; }
        button.remove();
        show('已重新排队发送，稍后送达。', true);
      });
    });
  }
  // 系统管理员：重新发送一条或全部发送失败的消息
  var failedTable = $('failed');
  if (failedTable) {
    failedTable.addEventListener('click', function (e) {
      var button = e.target.closest('.resend-delivery');
      if (!button) { return; }
      button.disabled = true;
      call('POST', '/api/v1/notifications/failed/' + encodeURIComponent(button.getAttribute('data-delivery')) + '/resend', null, function () {
        button.closest('tr').classList.add('resent');
        button.replaceWith(document.createTextNode('已重新排队'));
        show('已重新排队发送。', true);
      });
    });
  }
  var resendAll = $('resend-all');
  if (resendAll) {
    resendAll.addEventListener('click', function () {
      resendAll.disabled = true;
      call('POST', '/api/v1/notifications/failed/resend-all', null, function (r) {
        Array.prototype.forEach.call(document.querySelectorAll('.resend-delivery'), function (b) {
          b.closest('tr').classList.add('resent');
          b.replaceWith(document.createTextNode('已重新排队'));
        });
        show('已将 ' + r.resent + ' 条消息重新排队发送。', true);
      });
    });
  }
  var all = $('read-all');
  if (all) {
    all.addEventListener('click', function () {
      all.disabled = true;
      call('POST', '/api/v1/notifications/read-all', null, function () {
        Array.prototype.forEach.call(document.querySelectorAll('.note.unread'), markedRead);
        all.disabled = false;
        show('已全部标为已读。', true);
        refreshCount();
      });
    });
  }

  // 提醒方式
  var channelsAvailable = {};

  function checkbox(name, kind, checked, enabled, label) {
    var input = document.createElement('input');
    input.type = 'checkbox';
    input.name = name;
    input.checked = !!checked;
    input.disabled = !enabled;
    input.setAttribute('data-kind', kind);
    input.setAttribute('aria-label', label);
    return input;
  }

  function cell(tr, label, content) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (typeof content === 'string') { td.textContent = content; } else { td.appendChild(content); }
    tr.appendChild(td);
  }

  function renderPreferences(r) {
    channelsAvailable = r.channels || {};
    var body = $('prefs').querySelector('tbody');
    body.textContent = '';
    r.preferences.forEach(function (p) {
      var tr = document.createElement('tr');
      cell(tr, '事项', p.label);
      cell(tr, '站内', checkbox('inApp', p.kind, true, false, p.label + '：站内提醒（始终开启）'));
      cell(tr, '邮件', checkbox('email', p.kind, p.email, true, p.label + '：邮件'));
      cell(tr, '工作消息', checkbox('webhook', p.kind, p.webhook, true, p.label + '：工作消息机器人'));
      body.appendChild(tr);
    });
    var notes = [];
    if (!channelsAvailable.email) { notes.push('本系统尚未配置邮件服务器，暂不发送邮件。'); }
    if (!channelsAvailable.webhook) { notes.push('本系统尚未配置工作消息机器人，暂不发送工作消息。'); }
    notes.push('每天单独发送的邮件有上限，超出的提醒在当天汇总为一封邮件。');
    $('prefs-hint').textContent = notes.join('');
    $('prefs-status').hidden = true;
    $('prefs').hidden = false;
  }

  $('prefs').addEventListener('submit', function (e) {
    e.preventDefault();
    var byKind = {};
    Array.prototype.forEach.call($('prefs').querySelectorAll('input[type=checkbox]'), function (input) {
      var kind = input.getAttribute('data-kind');
      byKind[kind] = byKind[kind] || { kind: kind, inApp: true };
      if (input.name !== 'inApp') { byKind[kind][input.name] = input.checked; }
    });
    var save = $('prefs-save');
    save.disabled = true;
    call('PUT', '/api/v1/notifications/preferences', { preferences: Object.keys(byKind).map(function (k) { return byKind[k]; }) },
      function (r) {
        save.disabled = false;
        renderPreferences(r);
        show('提醒方式已保存。', true);
      });
    setTimeout(function () { save.disabled = false; }, 3000);
  });

  call('GET', '/api/v1/notifications/preferences', null, renderPreferences);

  // 日历订阅：地址只在生成时显示一次（服务器只保存其摘要）；重新生成后旧地址失效，停止订阅后地址失效。
  function when(iso) {
    return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
  }

  function renderFeed(status) {
    var text = status.active
      ? '已开启日历订阅（生成于 ' + when(status.createdAt) + (status.lastReadAt ? '，日历最近读取于 ' + when(status.lastReadAt) : '，尚未被日历读取') + '）。'
        + '订阅地址只在生成时显示；在新设备上订阅请重新生成（旧地址随即失效）。'
      : '尚未开启日历订阅。';
    $('ical-status').textContent = text;
    $('ical-create').textContent = status.active ? '重新生成订阅地址' : '生成订阅地址';
    $('ical-create').hidden = false;
    $('ical-create').disabled = false;
    $('ical-revoke').hidden = !status.active;
    $('ical-revoke').disabled = false;
  }

  $('ical-create').addEventListener('click', function () {
    if (!$('ical-revoke').hidden && !window.confirm('重新生成后，原订阅地址将立即失效。继续吗？')) { return; }
    $('ical-create').disabled = true;
    call('POST', '/api/v1/notifications/calendar', null, function (created) {
      $('ical-url').value = created.url;
      $('ical-new').hidden = false;
      $('ical-url').focus();
      $('ical-url').select();
      show('已生成新的订阅地址。', true);
      call('GET', '/api/v1/notifications/calendar', null, renderFeed);
    });
  });

  $('ical-revoke').addEventListener('click', function () {
    if (!window.confirm('停止订阅后，日历将不再更新，订阅地址失效。继续吗？')) { return; }
    $('ical-revoke').disabled = true;
    call('DELETE', '/api/v1/notifications/calendar', null, function () {
      $('ical-new').hidden = true;
      $('ical-url').value = '';
      show('已停止日历订阅。', true);
      call('GET', '/api/v1/notifications/calendar', null, renderFeed);
    });
  });

  call('GET', '/api/v1/notifications/calendar', null, renderFeed);
}());
