/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // onedoor: Chinese first. The webapps pick the locale from the primary
  // subtag of the browser's first language (zh-CN -> zh); any other language
  // gets English, and keys missing from zh.json fall back to English.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  // onedoor: 我的提醒 shows the signed-in person's unread count (issue 17)
  customScripts: ['scripts/unread-count.js'],
  // onedoor: header and browser title read "<vendor> <name>"
  app: {
    name: '欢迎页',
    vendor: 'onedoor 双随机联合检查'
  },
  // onedoor: our own pages next to Tasklist, Cockpit and Admin (each checks its own role)
  links: [
    {
      label: '我的提醒',
      href: '/staff/notifications',
      description: '任务、联合检查时间、检查记录和到期提醒；邮件、工作消息提醒方式和日历订阅（所有工作人员）'
    },
    {
      label: '监管工作指标',
      href: '/staff/oversight',
      description: '计划完成率、按时公示率、后续处置、联合检查占比等（监管主管、管理员）'
    },
    {
      label: '经营异常案件',
      href: '/staff/listings',
      description: '查找经营异常名录案件，登记企业交来的异议、移出申请和材料（执法人员、科长）'
    },
    {
      label: '风险预警',
      href: '/staff/warnings',
      description: '本部门的风险预警（监测数据、投诉举报、部门推送），按状态、来源、规则、日期筛选，及其核查、审批和定向检查（执法人员、科长）'
    },
    {
      label: '名录与清单导入',
      href: '/staff/imports',
      description: '检查对象、执法人员、回避关系和抽查事项清单的导入与报告（管理员）'
    },
    {
      label: '信息公示',
      href: '/public',
      description: '公众看到的抽查计划、抽取记录、检查结果和经营异常名录（无需登录）'
    }
  ],

  // The examples below are Camunda's original config.js (7.24.0), kept as is.
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // links: [
  //   {
  //     label: 'Angular.js Docs',
  //     href: 'https://code.angularjs.org/1.2.16/docs',
  //     description: 'Almost interesting'
  //   },
  //   {
  //     label: 'XKCD',
  //     href: 'http://xkcd.org',
  //     description: 'Nerdy comic'
  //   },
  //   {
  //     label: 'Slashdot',
  //     href: 'https://slashdot.org',
  //     description: 'News for nerds, stuff that matter'
  //   }
  // ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
