/*
 * onedoor: the Welcome page's link 我的提醒 shows how many of the signed-in person's notifications are
 * unread (issue 17), read from /api/v1/notifications/unread-count with the webapps' session (the same
 * sign-in as Tasklist). Loaded as a Welcome custom script (config.js customScripts). It asks only once
 * the links are shown, i.e. somebody is signed in, so a signed-out page never meets the API's 401, and
 * again every minute.
 */

const LINK = 'a[href="/staff/notifications"]';
const EVERY = 60000;
let unread = null;
let asking = false;

function show(link) {
  let badge = link.querySelector('.onedoor-unread');
  if (unread === null) {
    if (badge) {
      badge.remove();
    }
    return;
  }
  if (!badge) {
    badge = document.createElement('span');
    badge.className = 'onedoor-unread';
    // set through the style object: the webapps' content security policy allows it
    badge.style.display = 'inline-block';
    badge.style.marginLeft = '6px';
    badge.style.padding = '0 8px';
    badge.style.borderRadius = '10px';
    badge.style.fontSize = '12px';
    badge.style.lineHeight = '20px';
    badge.style.fontWeight = '600';
    badge.style.verticalAlign = 'middle';
    link.appendChild(badge);
  }
  badge.textContent = unread > 0 ? unread + ' 条未读' : '无未读';
  badge.style.background = unread > 0 ? '#b71c1c' : '#e4e7eb';
  badge.style.color = unread > 0 ? '#fff' : '#52606d';
  link.setAttribute('aria-label', '我的提醒（' + badge.textContent + '）');
}

function ask() {
  if (asking || !document.querySelector(LINK)) {
    return;
  }
  asking = true;
  fetch('/api/v1/notifications/unread-count', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((body) => {
      unread = body && typeof body.unread === 'number' ? body.unread : null;
      document.querySelectorAll(LINK).forEach(show);
    })
    .catch(() => {
      unread = null;
    })
    .finally(() => {
      asking = false;
    });
}

// the links are drawn after the sign-in, and drawn again when the page changes: badge each new one
new MutationObserver(() => {
  const link = document.querySelector(LINK);
  if (link && !link.querySelector('.onedoor-unread')) {
    if (unread === null) {
      ask();
    } else {
      show(link);
    }
  }
}).observe(document.body, { childList: true, subtree: true });

ask();
setInterval(ask, EVERY);
