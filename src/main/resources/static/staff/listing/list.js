// 经营异常案件列表：按名称或统一社会信用代码、状态查找案件，点进案件页面登记异议、移出申请。不依赖任何库。
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var SIZE = 50;
  var STATUS = { PROPOSED: '办理中', LISTED: '已列入', SERIOUS_LISTED: '已列入严重违法失信名单',
    NOT_LISTED: '不予列入', REVOKED: '已撤销', REMOVED: '已移出' };
  var page = 0;

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text != null) { e.textContent = String(text); }
    return e;
  }

  function chineseDate(iso) {
    if (!iso) { return ''; }
    var p = String(iso).split('-');
    return Number(p[0]) + '年' + Number(p[1]) + '月' + Number(p[2]) + '日';
  }

  function show(text) {
    $('message').textContent = text;
    $('message').hidden = !text;
  }

  function errorText(status, body) {
    try {
      var e = JSON.parse(body);
      if (e.errors && e.errors.length) {
        return e.errors.map(function (x) { return x.reason; }).join('；');
      }
      if (e.detail) { return e.detail; }
    } catch (ignored) { /* not JSON */ }
    if (status === 401) { return '登录已失效，请重新登录 Tasklist 后再打开本页。'; }
    return '出错了（HTTP ' + status + '），请稍后重试。';
  }

  function row(c) {
    var tr = el('tr');
    var number = el('td');
    number.setAttribute('data-label', '案件号');
    var link = el('a', '第 ' + c.id + ' 号');
    link.href = '/staff/listings/' + encodeURIComponent(c.id);
    number.appendChild(link);
    tr.appendChild(number);
    [['市场主体名称', c.entityName], ['统一社会信用代码', c.uscc], ['列入事由', c.groundLabel],
      ['状态', STATUS[c.status] || c.status], ['列入日期', chineseDate(c.listedOn) || '—']].forEach(function (cell) {
      var td = el('td', cell[1]);
      td.setAttribute('data-label', cell[0]);
      tr.appendChild(td);
    });
    return tr;
  }

  function load(append) {
    var params = new URLSearchParams();
    var q = $('q').value.trim();
    if (q) { params.set('q', q); }
    if ($('status').value) { params.set('status', $('status').value); }
    params.set('page', String(page));
    params.set('size', String(SIZE));
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/v1/listings?' + params.toString());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onload = function () {
      if (xhr.status !== 200) {
        show(errorText(xhr.status, xhr.responseText));
        return;
      }
      show('');
      var result = JSON.parse(xhr.responseText);
      var body = $('cases').tBodies[0];
      if (!append) { body.textContent = ''; }
      result.items.forEach(function (c) { body.appendChild(row(c)); });
      $('cases').hidden = result.total === 0;
      $('summary').textContent = result.total === 0 ? '没有找到案件。' : '共 ' + result.total + ' 件，最新的在前。';
      $('more').hidden = (page + 1) * SIZE >= result.total;
    };
    xhr.onerror = function () { show('网络连接失败，请检查网络后重试。'); };
    xhr.send();
  }

  $('search').addEventListener('submit', function (e) {
    e.preventDefault();
    page = 0;
    load(false);
  });
  $('more').addEventListener('click', function (e) {
    e.preventDefault();
    page += 1;
    load(true);
  });
  load(false);
}());
