/*
 * onedoor: Chinese for what Camunda Forms (form-js 1.8.7, bundled in the 7.24 webapps) and
 * Tasklist's error notifications print in English.
 *
 * form-js 1.8 has no translation hook: its texts ("Select", "Add new", validation messages) are
 * literals in lib/deps.js and its date picker (flatpickr) takes the browser's Intl default
 * locale for the format (mm/dd/yyyy in an en-US browser) and English month names. Loaded as a
 * Tasklist custom script (config.js customScripts), this module watches the page and
 *  - replaces those texts, placeholders and titles inside form-js forms,
 *  - gives every date picker the Chinese calendar (weeks from Monday) and the format
 *    yyyy-mm-dd (年-月-日),
 *  - shortens "Cannot submit task form <id>: field: reason" (and the start form's
 *    "Cannot instantiate process definition <id>: …") to the reasons the server gave in Chinese.
 * Only for a browser whose first language is Chinese, the same rule Tasklist uses for zh.json.
 */

const language = ((navigator.languages && navigator.languages[0]) || navigator.language || '').toLowerCase();

const TEXTS = {
  'Select': '请选择',
  'Add new': '新增一项',
  'Collapse': '收起',
  'No results': '无匹配项',
  'All values selected': '已全部选择',
  'Nothing to show.': '暂无数据',
  'Field is required.': '此项必填。',
  'Field must be a valid email.': '请填写有效的电子邮箱地址。',
  'Field must be a valid  international phone number. (e.g. +4930664040900)':
    '请填写有效的国际格式电话号码（如 +8613800000000）。'
};

const PATTERNS = [
  [/^Expand all \((\d+)\)$/, '全部展开（$1）'],
  [/^Field must have minimum length of (\d+)\.$/, '至少填写 $1 个字符。'],
  [/^Field must have maximum length of (\d+)\.$/, '最多填写 $1 个字符。'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
  [/^Field must match pattern .*\.$/, '格式不正确。'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)$/,
    '请填写有效的数值，最接近的有效值是 $1 和 $2']
];

const ATTRIBUTES = {
  'Search': '搜索',
  'Remove item': '删除此项',
  'Delete item': '删除此项',
  'Remove tag': '移除',
  'Create new list item': '新增一项',
  'Toggle list item': '展开/收起',
  'Toggle section': '展开/收起',
  'Section contains an error': '本节有错误',
  'Section contains data': '本节已填写',
  'required': '必填',
  'Increment': '增加',
  'Decrement': '减少',
  'Previous page': '上一页',
  'Next page': '下一页',
  'hh:mm': '时:分',
  'hh:mm ?m': '时:分 上午/下午'
};

export const DATE_PLACEHOLDER = '年-月-日';

const ZH_CALENDAR = {
  weekdays: {
    shorthand: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
  time_24hr: true
};

/** "Cannot submit task form <id>: a: 理由; b: 理由" → "理由；理由". */
export function reasonsOnly(message) {
  const prefix = /(Cannot submit task form|Cannot instantiate process definition|Cannot submit start form)\s+[^\s:]+:\s*/;
  const match = prefix.exec(message);
  if (!match) {
    return message;
  }
  const reasons = message.slice(match.index + match[0].length)
    .split(/;\s*/)
    .map((part) => part.replace(/^[A-Za-z][\w.[\]-]*:\s*/, '').trim())
    .filter((part) => part.length > 0);
  return message.slice(0, match.index) + reasons.join('；');
}

export function translateText(value) {
  const trimmed = value.trim();
  if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) {
    return value.replace(trimmed, TEXTS[trimmed]);
  }
  for (const [pattern, replacement] of PATTERNS) {
    if (pattern.test(trimmed)) {
      return value.replace(trimmed, trimmed.replace(pattern, replacement));
    }
  }
  return value;
}

function inForm(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element != null && element.closest('.fjs-container, .flatpickr-calendar') != null;
}

function translateTextNode(node) {
  const value = node.nodeValue;
  if (!value || !value.trim()) {
    return;
  }
  let next = value;
  if (/Cannot (submit task form|instantiate process definition|submit start form)/.test(value)) {
    next = reasonsOnly(value);
  } else if (inForm(node)) {
    next = translateText(value);
  }
  if (next !== value) {
    node.nodeValue = next;
  }
}

function translateAttributes(element) {
  for (const name of ['placeholder', 'title', 'aria-label']) {
    const value = element.getAttribute(name);
    if (value != null && Object.prototype.hasOwnProperty.call(ATTRIBUTES, value)) {
      element.setAttribute(name, ATTRIBUTES[value]);
    }
  }
}

function localiseDatePicker(input) {
  const picker = input._flatpickr;
  if (!picker || picker.config.locale === ZH_CALENDAR) {
    return;
  }
  picker.set({ locale: ZH_CALENDAR, dateFormat: 'Y-m-d' });
  input.setAttribute('placeholder', DATE_PLACEHOLDER);
}

function translateElement(element) {
  if (element.closest('.fjs-container') != null) {
    translateAttributes(element);
    element.querySelectorAll('[placeholder], [title], [aria-label]').forEach(translateAttributes);
    element.querySelectorAll('.fjs-datepicker input').forEach(localiseDatePicker);
    if (element.matches('.fjs-datepicker input')) {
      localiseDatePicker(element);
    }
  }
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node != null; node = walker.nextNode()) {
    translateTextNode(node);
  }
}

function start() {
  if (!document.body) {
    document.addEventListener('DOMContentLoaded', start);
    return;
  }
  translateElement(document.body);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        translateTextNode(mutation.target);
      } else if (mutation.type === 'attributes') {
        if (mutation.target.closest && mutation.target.closest('.fjs-container') != null) {
          translateAttributes(mutation.target);
        }
      } else {
        mutation.addedNodes.forEach((node) => {
          if (node.nodeType === Node.TEXT_NODE) {
            translateTextNode(node);
          } else if (node.nodeType === Node.ELEMENT_NODE) {
            translateElement(node);
            // flatpickr wraps the date input (static: true): the picker exists once it is wrapped
            const datepicker = node.closest && node.closest('.fjs-datepicker');
            if (datepicker) {
              datepicker.querySelectorAll('input').forEach(localiseDatePicker);
            }
          }
        });
      }
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['placeholder', 'title', 'aria-label']
  });
}

if (language.startsWith('zh')) {
  start();
}
