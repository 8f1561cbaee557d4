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
    var body = $('prefs').tBodies[0];
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
}());
