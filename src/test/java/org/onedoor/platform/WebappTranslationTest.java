package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks our Chinese (zh) translations of the Camunda 7.24 webapps against the English originals
 * that ship in the camunda-webapp-webjar. Plain unit test: no Spring context.
 *
 * <p>en.json is read from the webjar on the classpath (it exists only there). zh.json and config.js
 * are read from src/main/resources, so the test sees exactly what we ship and cannot pick up a file
 * of the same path from the webjar.
 */
class WebappTranslationTest {

  private static final String WEBJAR_APP = "/META-INF/resources/webjars/camunda/app/";
  private static final Path OUR_APP =
      Path.of("src/main/resources/META-INF/resources/webjars/camunda/app");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern HTML_TAG =
      Pattern.compile("</?(?:a|br|strong|b|i|em|code|span|p|ul|li|div)\\b[^>]*>",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  /** Keys on the Cockpit screens that managers use every day. */
  private static final List<String> COCKPIT_DAILY_KEYS = List.of(
      // header, navigation, login, end-of-life banner
      "BANNER_CE_EOL_TEXT", "COCKPIT_PROCESSES", "COCKPIT_DECISIONS", "COCKPIT_HUMAN_TASKS",
      "COCKPIT_MORE", "COCKPIT_DEPLOYMENTS", "COCKPIT_BATCHES", "COCKPIT_REPORTS",
      "CAM_WIDGET_HEADER_SIGN_OUT", "CAM_WIDGET_HEADER_MY_PROFILE", "PAGE_LOGIN_USERNAME",
      "PAGE_LOGIN_PASSWORD", "PAGE_LOGIN_SIGN_IN_ACTION", "PAGE_LOGIN_PLEASE_SIGN_IN",
      "PAGE_LOGIN_ERROR_MSG", "TASKLIST_APP", "ADMIN_APP", "COCKPIT_APP",
      // dashboard
      "DASHBOARD_RUNNING_PROCESS_INSTANCE", "DASHBOARD_OPEN_INCIDENTS", "DASHBOARD_OPEN_HUMAN_TASKS",
      "DASHBOARD_PROCESS_DEFINITIONS", "DASHBOARD_DECISION_DEFINITIONS", "DASHBOARD_DEPLOYMENTS",
      "DASHBOARD_ASSIGNED_TO_USER", "DASHBOARD_ASSIGNED_TO_GROUPS", "DASHBOARD_UNASSIGNED",
      "DASHBOARD_TODAY", "DASHBOARD_THIS_WEEK", "DASHBOARD_THIS_MONTH", "DASHBOARD_METRICS",
      // processes list
      "PLUGIN_PROCESS_DEF_NAME", "PLUGIN_PROCESS_DEF_KEY", "PLUGIN_PROCESS_DEF_INCIDENTS",
      "PLUGIN_PROCESS_DEF_RUNNING_INSTANCES", "PLUGIN_PROCESS_DEF_STATE",
      "PLUGIN_PROCESS_DEF_NO_PROCESS_DEF", "PLUGIN_PROCESS_DEF_PROCESS_DEFINITIONS_DEPLOYED",
      // process definition view
      "PROCESS_DEFINITION_DEFINITION_VERSION", "PROCESS_DEFINITION_DEFINITION_KEY",
      "PROCESS_DEFINITION_INSTANCES_RUNNING", "PROCESS_DEFINITION_HISTORY_TIME_TO_LIVE",
      "PLUGIN_PROCESS_INSTANCES_LABEL", "PLUGIN_PROCESS_INSTANCE_BUSINESS_KEY",
      "PLUGIN_PROCESS_INSTANCE_START_TIME", "PLUGIN_PROCESS_INSTANCE_STATE_RUNNING",
      "PLUGIN_SUSPENSION_SUSPEND_PROCESS", "PLUGIN_SUSPENSION_ACTIVATE_PROCESS",
      // process instance view
      "PROCESS_INSTANCE_INSTANCE_ID", "PROCESS_INSTANCE_BUSINESS_KEY",
      "PROCESS_INSTANCE_INFORMATION", "PLUGIN_USER_TASKS_LABEL", "PLUGIN_USER_TASKS_ASSIGNEE",
      "PLUGIN_CALLED_PROCESS_INSTANCE_LABEL", "PLUGIN_CANCEL_PROCESS_DELETE_PROCESS_INSTANCE",
      "PLUGIN_UPDATE_DIALOG_SUSPEND", "PLUGIN_UPDATE_DIALOG_ACTIVATE",
      // incidents
      "PLUGIN_INCIDENTS_LABEL", "PLUGIN_INCIDENTS_TAB_MESSAGE", "PLUGIN_INCIDENTS_TAB_TYPE",
      "PLUGIN_INCIDENTS_TAB_ACTIVITY", "PLUGIN_INCIDENTS_TAB_ACTION",
      "PLUGIN_INCIDENTS_TAB_STACKTRACE_HEADER", "PLUGIN_INCIDENTS_TAB_NO_INCIDENTS",
      "PLUGIN_INC_JOB_RETRY_TOOLTIP_RETRIES", "PLUGIN_JOB_RETRY_LEGEND_1",
      // jobs
      "PLUGIN_JOBS_LABEL", "PLUGIN_JOBS_ID", "PLUGIN_JOBS_DATE", "PLUGIN_JOBS_RETRIES",
      "PLUGIN_JOB_DEFINITION_LABEL", "PLUGIN_JOBDEFINITION_STATE", "PLUGIN_JOBDEFINITION_SUSPEND",
      // variables
      "PLUGIN_VARIABLE_INSTANCES_LABEL", "PLUGIN_VARIABLE_NAME", "PLUGIN_VARIABLE_VALUE",
      "PLUGIN_VARIABLE_TYPE", "PLUGIN_VARIABLE_SCOPE", "PLUGIN_ADD_VARIABLE_NEW_VARIABLE",
      "VARIABLE_ADD_VARIABLE_NAME", "VARIABLE_ADD_VARIABLE_VALUE", "VARIABLE_INSPECT_MODAL_TITLE",
      // decisions
      "DECISION_DEFINITION_LABEL", "PLUGIN_DECISION_TABLE_NAME",
      "PLUGIN_DECISION_TABLE_TITLE_DEFINITIONS", "PLUGIN_DECISION_EVALUATION_TIME",
      "PLUGIN_INPUT_TABLE_LABEL", "PLUGIN_OUTPUT_TABLE_LABEL", "DECISION_INSTANCE_INSTANCE_VIEW",
      // human tasks dashboard, deployments
      "PLUGIN_TASK_DASHBOARD_TITLE", "PLUGIN_TASK_ERROR_OPEN_TASKS",
      "REPOSITORY_DEPLOYMENTS_DEPLOYMENT_TIME", "REPOSITORY_DEPLOYMENTS_NAME");

  /** Keys on the Admin screens used daily: users, groups, tenants, authorizations, system. */
  private static final List<String> ADMIN_DAILY_KEYS = List.of(
      "BANNER_CE_EOL_TEXT", "PAGE_LOGIN_USERNAME", "PAGE_LOGIN_PASSWORD",
      "PAGE_LOGIN_SIGN_IN_ACTION", "CAM_WIDGET_HEADER_SIGN_OUT", "DASHBOARD_DASHBOARD",
      // users
      "USERS_USERS", "USERS_LIST_OF_USERS", "USERS_CREATE_NEW_USER", "USERS_USER_ID",
      "USERS_FIRSTNAME", "USERS_LASTNAME", "USERS_EMAIL", "USERS_PASSWORD", "USERS_PASSWORD_REPEAT",
      "USERS_CREATE_SUCCESS", "USERS_EDIT_USER", "USERS_PROFILE", "USERS_ACCOUNT", "USERS_GROUPS",
      "USERS_ADD_TO_A_GROUP", "USERS_DELETE_USER", "USERS_USER_DELETE_CONFIRM",
      "USERS_UNLOCK_USER", "USERS_CHANGE_PASSWORD",
      // groups
      "GROUPS_GROUPS", "GROUPS_LIST_OF_GROUPS", "GROUPS_CREATE_NEW", "GROUP_CREATE_GROUP_ID",
      "GROUP_CREATE_GROUP_NAME", "GROUP_EDIT_GROUP_USERS", "GROUP_EDIT_DELETE_GROUP",
      "GROUP_MEMBERSHIP_GROUP_SELECT_GROUPS", "GROUP_MEMBERSHIP_GROUP_ADD_GROUPS",
      // tenants
      "TENANTS_TENANTS", "TENANTS_CREATE_NEW",
      // authorizations
      "AUTHORIZATION_AUTHORIZATIONS", "AUTHORIZATION_CREATE_NEW_AUTHORIZATION",
      "AUTHORIZATION_TYPE", "AUTHORIZATION_USER_GROUP", "AUTHORIZATION_PERMISSIONS",
      "AUTHORIZATION_RESOURCE_ID", "AUTHORIZATION_ALLOW", "AUTHORIZATION_DENY",
      "AUTHORIZATION_GLOBAL", "AUTHORIZATION_APPLICATION", "AUTHORIZATION_PROCESS_DEFINITION",
      "AUTHORIZATION_PROCESS_INSTANCE", "AUTHORIZATION_TASK", "AUTHORIZATION_FILTER",
      "AUTHORIZATION_DEPLOYMENT", "AUTHORIZATION_DECISION_DEFINITION",
      // system, setup (the admin setup page is one of our CVE mitigation points)
      "SYSTEM_SYSTEM", "SYSTEM_GENERAL_SETTINGS", "EXECUTION_METRICS", "SETUP_USER_NEW_USER");

  // ---------------------------------------------------------------------------------------------
  // Tasklist and Welcome: every English key is translated.

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void everyEnglishKeyHasANonBlankChineseValue(String app) throws IOException {
    Map<String, JsonNode> en = leaves(englishOf(app));
    Map<String, JsonNode> zh = leaves(chineseOf(app));

    List<String> missing = new ArrayList<>();
    List<String> blank = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : en.entrySet()) {
      JsonNode translated = zh.get(e.getKey());
      if (translated == null) {
        missing.add(e.getKey());
      } else if (isBlank(translated) && !isBlank(e.getValue())) {
        blank.add(e.getKey());
      }
    }
    assertThat(missing).as("%s: keys of en.json missing in zh.json", app).isEmpty();
    assertThat(blank).as("%s: blank translations", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome"})
  void tasklistAndWelcomeCarryTheEndOfLifeBanner(String app) throws IOException {
    String banner = chineseOf(app).path("labels").path("BANNER_CE_EOL_TEXT").asText();
    assertThat(banner).contains("Camunda 7", "7.24.0", "href=\"https://docs.camunda.io/");
    assertThat(CJK.matcher(banner).find()).isTrue();
  }

  @Test
  void tasklistIsReallyTranslated() throws IOException {
    JsonNode labels = chineseOf("tasklist").path("labels");
    int strings = 0;
    int withCjk = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual()) {
        strings++;
        if (CJK.matcher(e.getValue().asText()).find()) {
          withCjk++;
        }
      }
    }
    assertThat(strings).isGreaterThan(400);
    assertThat((double) withCjk / strings)
        .as("share of tasklist labels containing Chinese characters (%d/%d)", withCjk, strings)
        .isGreaterThanOrEqualTo(0.90);
  }

  // ---------------------------------------------------------------------------------------------
  // Cockpit and Admin: the daily screens are translated.

  @Test
  void cockpitDailyScreensAreTranslated() throws IOException {
    assertTranslated("cockpit", COCKPIT_DAILY_KEYS);
  }

  @Test
  void adminDailyScreensAreTranslated() throws IOException {
    assertTranslated("admin", ADMIN_DAILY_KEYS);
  }

  // ---------------------------------------------------------------------------------------------
  // All four apps: translations keep placeholders and markup, and use no unknown keys.

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void placeholdersAndHtmlTagsAreKept(String app) throws IOException {
    JsonNode en = englishOf(app).path("labels");
    JsonNode zh = chineseOf(app).path("labels");
    List<String> wrong = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = zh.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String english = en.path(e.getKey()).asText();
      String chinese = e.getValue().asText();
      for (String placeholder : all(PLACEHOLDER, english)) {
        if (!chinese.contains(placeholder)) {
          wrong.add(e.getKey() + " lacks " + placeholder);
        }
      }
      if (!sorted(lower(all(HTML_TAG, english))).equals(sorted(lower(all(HTML_TAG, chinese))))) {
        wrong.add(e.getKey() + " changes HTML tags");
      }
    }
    assertThat(wrong).as("%s: placeholders or HTML changed", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void chineseLabelsAreAllKnownEnglishKeys(String app) throws IOException {
    JsonNode en = englishOf(app).path("labels");
    List<String> unknown = new ArrayList<>();
    chineseOf(app).path("labels").fieldNames().forEachRemaining(k -> {
      if (!en.has(k)) {
        unknown.add(k);
      }
    });
    assertThat(unknown).as("%s: zh.json keys that 7.24 en.json does not have", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void dateLocalesAreChinese(String app) throws IOException {
    JsonNode en = englishOf(app).path("dateLocales");
    JsonNode zh = chineseOf(app).path("dateLocales");
    Map<String, JsonNode> enLeaves = leaves(en);
    assertThat(leaves(zh)).containsKeys(enLeaves.keySet().toArray(new String[0]));
    for (String list : List.of("months", "monthsShort", "weekdays", "weekdaysShort",
        "weekdaysMin")) {
      assertThat(zh.path(list).size()).as(list).isEqualTo(en.path(list).size());
      zh.path(list).forEach(v -> assertThat(CJK.matcher(v.asText()).find()).as(list).isTrue());
    }
    assertThat(zh.path("months").get(0).asText()).isEqualTo("一月");
    assertThat(zh.path("weekdays").get(1).asText()).isEqualTo("星期一");
    assertThat(zh.path("longDateFormat").path("L").asText()).isEqualTo("YYYY-MM-DD");
    // moment builds "5 天后" from future "%s后" and dd "%d 天"
    assertThat(zh.path("relativeTime").path("future").asText().replace("%s",
        zh.path("relativeTime").path("dd").asText().replace("%d", "5"))).isEqualTo("5 天后");
  }

  // ---------------------------------------------------------------------------------------------
  // config.js: Chinese first, English fallback.

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void configJsPutsChineseFirst(String app) throws IOException {
    String config = Files.readString(OUR_APP.resolve(app + "/scripts/config.js"),
        StandardCharsets.UTF_8);
    String active = config.lines()
        .filter(line -> !line.trim().startsWith("//") && !line.trim().startsWith("*")
            && !line.trim().startsWith("/*"))
        .collect(Collectors.joining("\n"));
    assertThat(active).containsPattern("availableLocales:\\s*\\[\\s*'zh'\\s*,\\s*'en'\\s*]");
    assertThat(active).containsPattern("fallbackLocale:\\s*'en'");
    assertThat(active).contains("export default {");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void zhJsonIsOursAndNotInTheWebjar(String app) throws IOException {
    assertThat(OUR_APP.resolve(app + "/locales/zh.json")).isRegularFile();
    URL webjarEn = WebappTranslationTest.class.getResource(WEBJAR_APP + app + "/locales/en.json");
    assertThat(webjarEn).isNotNull();
    assertThat(webjarEn.toString()).contains("camunda-webapp-webjar");
    List<URL> zh = Collections.list(WebappTranslationTest.class.getClassLoader()
        .getResources(WEBJAR_APP.substring(1) + app + "/locales/zh.json"));
    assertThat(zh).noneMatch(url -> url.toString().contains("camunda-webapp-webjar"));
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertTranslated(String app, List<String> keys) throws IOException {
    JsonNode en = englishOf(app).path("labels");
    JsonNode zh = chineseOf(app).path("labels");
    List<String> wrong = new ArrayList<>();
    for (String key : keys) {
      if (!en.has(key)) {
        wrong.add(key + " is not a 7.24 key");
      } else if (!zh.has(key) || zh.get(key).asText().isBlank()) {
        wrong.add(key + " is not translated");
      } else if (!CJK.matcher(zh.get(key).asText()).find()) {
        wrong.add(key + " has no Chinese: " + zh.get(key).asText());
      }
    }
    assertThat(wrong).as("%s daily-screen keys", app).isEmpty();
  }

  private static JsonNode englishOf(String app) throws IOException {
    String path = WEBJAR_APP + app + "/locales/en.json";
    try (InputStream in = WebappTranslationTest.class.getResourceAsStream(path)) {
      assertThat(in).as("%s on the classpath (camunda-webapp-webjar)", path).isNotNull();
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static JsonNode chineseOf(String app) throws IOException {
    return parse(Files.readString(OUR_APP.resolve(app + "/locales/zh.json"),
        StandardCharsets.UTF_8));
  }

  /** Parses JSON, dropping the UTF-8 byte order mark that Camunda's en.json files start with. */
  private static JsonNode parse(String text) throws IOException {
    return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  /** Leaf values by dotted path; arrays (months, weekdays) count as one leaf. */
  private static Map<String, JsonNode> leaves(JsonNode root) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    collect("", root, out);
    return out;
  }

  private static void collect(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e ->
          collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(prefix, node);
    }
  }

  private static boolean isBlank(JsonNode node) {
    return node.isTextual() ? node.asText().isBlank() : node.isNull() || node.isEmpty()
        && node.isContainerNode();
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<String> lower(List<String> list) {
    return list.stream().map(String::toLowerCase).collect(Collectors.toList());
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return copy;
  }
}
