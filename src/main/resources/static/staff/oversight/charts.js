/*
 * The supervision dashboard's charts (/staff/oversight): Apache ECharts from the application's webjar,
 * SVG renderer, data from the JSON API /api/v1/oversight/figures (the same figures as the tables beside
 * the charts). Each chart is an image (role="img") whose aria-label this script sets to a summary of
 * its data; the table is the accessible and copyable form. Phone first: below 600 px the departments
 * turn into horizontal bars, month labels shorten and rotate, legends wrap; charts follow the window.
 */
(function () {
  'use strict';

  var main = document.getElementById('dashboard');
  if (!main) {
    return;
  }
  var COLORS = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00'];
  var charts = {};
  var data = null;

  function status(name, text) {
    var el = document.querySelector('[data-chart-status="' + name + '"]');
    if (el) {
      el.textContent = text;
    }
  }

  function percent(figure) {
    return figure && figure.rate !== null && figure.rate !== undefined ? Math.round(figure.rate * 1000) / 10 : null;
  }

  function shown(value) {
    return value === null || value === undefined || value === '-' ? '无数据' : Number(value).toFixed(1) + '%';
  }

  function narrow() {
    return window.innerWidth < 600;
  }

  function monthsOption(figures) {
    var small = narrow();
    var target = Math.round(figures.onTimeTarget * 1000) / 10;
    var labels = figures.months.map(function (m) { return Number(m.month.slice(5)) + '月'; });
    var values = figures.months.map(function (m) { return percent(m.onTimePublication); });
    return {
      color: [COLORS[0], '#52606d'],
      animation: false,
      tooltip: { trigger: 'axis', confine: true, valueFormatter: shown },
      legend: {
        top: 0, left: 0, right: 0, itemGap: 12, textStyle: { fontSize: small ? 12 : 13 },
        // the target is a plain dashed line: no dot in its legend either
        data: [{ name: '按时公示率' }, { name: '目标 ' + target + '%', itemStyle: { opacity: 0 } }]
      },
      grid: { left: 4, right: 12, top: small ? 48 : 36, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category', data: labels, boundaryGap: false,
        axisLabel: { interval: 0, rotate: small ? 45 : 0, fontSize: small ? 11 : 12 }
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '按时公示率', type: 'line', data: values, connectNulls: false, showSymbol: true, symbolSize: 7 },
        {
          name: '目标 ' + target + '%', type: 'line', symbol: 'none',
          data: labels.map(function () { return target; }), lineStyle: { type: 'dashed', width: 1.5 }
        }
      ]
    };
  }

  function departmentsOption(figures) {
    var small = narrow();
    var names = figures.departments.map(function (d) { return d.name; });
    var target = Math.round(figures.jointShareTarget * 1000) / 10;
    var series = [
      ['计划完成率', 'planCompletion'], ['按时公示率', 'onTimePublication'],
      ['后续处置完成率', 'followUpCompletion'], ['联合检查占比', 'jointShare']
    ].map(function (s) {
      return {
        name: s[0], type: 'bar', barMaxWidth: 18,
        data: figures.departments.map(function (d) { return percent(d[s[1]]); })
      };
    });
    var targetLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: COLORS[3] },
      label: { formatter: '目标 ' + target + '%', position: small ? 'insideEndTop' : 'insideEndTop', fontSize: 11 } };
    targetLine.data = [small ? { xAxis: target } : { yAxis: target }];
    series[3].markLine = targetLine;
    var category = {
      type: 'category', data: names,
      axisLabel: small ? { fontSize: 12, width: 72, overflow: 'break', lineHeight: 14 }
        : { interval: 0, fontSize: 12, width: 90, overflow: 'break', hideOverlap: false }
    };
    var value = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
    return {
      color: COLORS,
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: shown },
      legend: { top: 0, left: 0, right: 0, itemGap: 12, textStyle: { fontSize: small ? 12 : 13 } },
      grid: { left: 4, right: 16, top: small ? 56 : 36, bottom: 4, containLabel: true },
      xAxis: small ? value : category,
      yAxis: small ? Object.assign({}, category, { inverse: true }) : value,
      series: series
    };
  }

  /** The phone's horizontal bars need height for every department; the rest keep the CSS height. */
  function departmentsHeight(figures) {
    return narrow() ? Math.max(300, 80 + figures.departments.length * 68) + 'px' : '';
  }

  function monthsSummary(figures) {
    var target = Math.round(figures.onTimeTarget * 1000) / 10;
    // the API's own display ("100.0%", as in the tables)
    var withData = figures.months.filter(function (m) { return percent(m.onTimePublication) !== null; });
    var parts = withData.map(function (m) {
      return Number(m.month.slice(5)) + '月 ' + m.onTimePublication.display;
    });
    return figures.year + ' 年按月按时公示率折线图，目标 ' + target + '%：'
      + (parts.length ? parts.join('，') + '；其余月份无数据' : '全年无数据') + '。数字见旁边的表。';
  }

  function departmentsSummary(figures) {
    var parts = figures.departments.map(function (d) {
      return d.name + ' 计划完成率 ' + d.planCompletion.display + '、按时公示率 ' + d.onTimePublication.display
        + '、后续处置完成率 ' + d.followUpCompletion.display + '、联合检查占比 ' + d.jointShare.display;
    });
    return figures.year + ' 年各部门指标条形图：' + parts.join('；') + '。数字见下表。';
  }

  function draw() {
    if (!data) {
      return;
    }
    var departments = document.getElementById('chart-departments');
    departments.style.height = departmentsHeight(data);
    [['months', monthsOption], ['departments', departmentsOption]].forEach(function (c) {
      var el = document.getElementById('chart-' + c[0]);
      if (!charts[c[0]]) {
        charts[c[0]] = echarts.init(el, null, { renderer: 'svg' });
      }
      charts[c[0]].setOption(c[1](data), true);
      charts[c[0]].resize();
    });
    document.getElementById('chart-months').setAttribute('aria-label', monthsSummary(data));
    document.getElementById('chart-departments').setAttribute('aria-label', departmentsSummary(data));
    main.setAttribute('data-charts', 'drawn');
  }

  if (typeof echarts === 'undefined') {
    status('months', '图表未能加载，数字见表。');
    status('departments', '图表未能加载，数字见表。');
    return;
  }

  var query = new URLSearchParams();
  query.set('year', main.getAttribute('data-year'));
  if (main.getAttribute('data-department')) {
    query.set('department', main.getAttribute('data-department'));
  }
  // absolute, from location.origin: a page opened as http://user:password@host/… has the credentials in
  // its base URL, and fetch refuses a URL that carries credentials
  fetch(location.origin + '/api/v1/oversight/figures?' + query.toString(),
      { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (figures) {
      data = figures;
      draw();
    })
    .catch(function () {
      status('months', '图表数据未能取得，数字见表。');
      status('departments', '图表数据未能取得，数字见表。');
      main.setAttribute('data-charts', 'failed');
    });

  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(draw, 150);
  });
})();
