/*
 * The supervision dashboard's charts (/staff/oversight): Apache ECharts from the application's webjar,
 * SVG renderer, data from the JSON API /api/v1/oversight/figures (the same figures as the tables beside
 * the charts). Each chart is an image (role="img") whose aria-label this script sets to a summary of
 * its data; the table is the accessible and copyable form. Phone first: below 600 px the departments
 * turn into horizontal bars, month labels shorten and rotate, legends wrap; charts follow the window.
 * Charts: monthly on-time publication (line), the departments' four rates (bars), the departments'
 * risk-warning rates (bars; departments without warnings left out: no data is not 0 %) and the warnings
 * and targeted inspections per month (bars of counts).
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
    return departmentBars(small, category, series,
        { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: shown });
  }

  /**
   * A chart of rates per department: bars up from the departments on a wide screen, across (a row per department,
   * the first on top) on a phone.
   */
  function departmentBars(small, category, series, tooltip) {
    var value = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
    return {
      color: COLORS,
      animation: false,
      tooltip: tooltip,
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

  var WARNING_RATES = [['按期核查率', 'checkedOnTime'], ['转定向检查', 'ledToInspection'], ['预警属实率', 'confirmed']];

  /** The departments that received warnings: a department without any has no rates to draw. */
  function warned(figures) {
    return figures.departments.filter(function (d) { return d.warnings && d.warnings.raised > 0; });
  }

  function fraction(figure) {
    return figure.display + (figure.denominator ? '（' + figure.numerator + ' / ' + figure.denominator + '）' : '');
  }

  function warningsOption(figures) {
    var small = narrow();
    var rows = warned(figures);
    if (!rows.length) {
      return {
        animation: false,
        title: {
          text: figures.year + ' 年没有收到风险预警', left: 'center', top: 'middle',
          textStyle: { fontSize: 14, fontWeight: 'normal', color: '#52606d' }
        }
      };
    }
    // a rate of 0 % is a thin bar, a rate without data (null) none: no data is not 0 %
    var series = WARNING_RATES.map(function (s) {
      return {
        name: s[0], type: 'bar', barMaxWidth: 18, barMinHeight: 2,
        data: rows.map(function (d) { return percent(d.warnings[s[1]]); })
      };
    });
    // the count under the name: a rate of 2 warnings reads differently from one of 200
    var label = function (name, index) { return name + '\n预警 ' + rows[index].warnings.raised + ' 件'; };
    var category = {
      type: 'category', data: rows.map(function (d) { return d.name; }),
      // 84 px on a phone: a six-character name (文化和旅游局, 消防救援支队) stays on one line
      axisLabel: small ? { fontSize: 12, width: 84, overflow: 'break', lineHeight: 14, formatter: label }
        : { interval: 0, fontSize: 12, width: 90, overflow: 'break', hideOverlap: false, lineHeight: 15, formatter: label }
    };
    return departmentBars(small, category, series, {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
      // names and figures come from the API: escaped, the tooltip is HTML
      formatter: function (params) {
        var d = rows[params[0].dataIndex];
        var w = d.warnings;
        return [echarts.format.encodeHTML(d.name),
          '收到预警 ' + w.raised + ' 件，定向检查 ' + w.targetedInspections + ' 次']
          .concat(params.map(function (p) {
            return p.marker + echarts.format.encodeHTML(p.seriesName + ' ' + fraction(w[WARNING_RATES[p.seriesIndex][1]]));
          })).join('<br>');
      }
    });
  }

  function warningsHeight(figures) {
    return narrow() ? Math.max(300, 80 + warned(figures).length * 60) + 'px' : '';
  }

  function warningsSummary(figures) {
    var rows = warned(figures);
    if (!rows.length) {
      return figures.year + ' 年各部门风险预警条形图：本年度没有收到风险预警，无图可画。数字见下表。';
    }
    var parts = rows.map(function (d) {
      var w = d.warnings;
      return d.name + ' 收到预警 ' + w.raised + ' 件，按期核查率 ' + w.checkedOnTime.display + '、转定向检查 '
        + w.ledToInspection.display + '、预警属实率 ' + w.confirmed.display + '，定向检查 ' + w.targetedInspections + ' 次';
    });
    var left = figures.departments.length - rows.length;
    return figures.year + ' 年各部门风险预警条形图：' + parts.join('；')
      + (left ? '；其余 ' + left + ' 个部门没有收到预警，不画' : '') + '。数字见下表。';
  }

  function warningMonthsOption(figures) {
    var small = narrow();
    var labels = figures.warningMonths.map(function (m) { return Number(m.month.slice(5)) + '月'; });
    return {
      color: [COLORS[0], COLORS[1]],
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, left: 0, right: 0, itemGap: 12, textStyle: { fontSize: small ? 12 : 13 } },
      grid: { left: 4, right: 12, top: small ? 48 : 36, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category', data: labels,
        axisLabel: { interval: 0, rotate: small ? 45 : 0, fontSize: small ? 11 : 12 }
      },
      // counts: whole numbers on the axis
      yAxis: { type: 'value', min: 0, minInterval: 1 },
      series: [
        { name: '收到预警（件）', type: 'bar', barMaxWidth: 14,
          data: figures.warningMonths.map(function (m) { return m.raised; }) },
        { name: '定向检查（次）', type: 'bar', barMaxWidth: 14,
          data: figures.warningMonths.map(function (m) { return m.targetedInspections; }) }
      ]
    };
  }

  function warningMonthsSummary(figures) {
    var raised = 0;
    var targeted = 0;
    var parts = figures.warningMonths.filter(function (m) {
      raised += m.raised;
      targeted += m.targetedInspections;
      return m.raised || m.targetedInspections;
    }).map(function (m) {
      return Number(m.month.slice(5)) + '月 预警 ' + m.raised + ' 件、定向检查 ' + m.targetedInspections + ' 次';
    });
    return figures.year + ' 年按月风险预警与定向检查柱状图：全年收到预警 ' + raised + ' 件，开启定向检查 ' + targeted + ' 次'
      + (parts.length ? '；' + parts.join('，') + '；其余月份均为 0' : '') + '。数字见旁边的表。';
  }

  var CHARTS = [
    ['months', monthsOption, monthsSummary],
    ['departments', departmentsOption, departmentsSummary, departmentsHeight],
    ['warnings', warningsOption, warningsSummary, warningsHeight],
    ['warning-months', warningMonthsOption, warningMonthsSummary]
  ];

  function draw() {
    if (!data) {
      return;
    }
    CHARTS.forEach(function (c) {
      var el = document.getElementById('chart-' + c[0]);
      if (c[3]) {
        el.style.height = c[3](data);
      }
      if (!charts[c[0]]) {
        charts[c[0]] = echarts.init(el, null, { renderer: 'svg' });
      }
      charts[c[0]].setOption(c[1](data), true);
      charts[c[0]].resize();
      el.setAttribute('aria-label', c[2](data));
    });
    main.setAttribute('data-charts', 'drawn');
  }

  function statusAll(text) {
    CHARTS.forEach(function (c) { status(c[0], text); });
  }

  if (typeof echarts === 'undefined') {
    statusAll('图表未能加载，数字见表。');
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
      statusAll('图表数据未能取得，数字见表。');
      main.setAttribute('data-charts', 'failed');
    });

  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(draw, 150);
  });
})();
