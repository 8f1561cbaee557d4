package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.onedoor.OnedoorSpringTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The calendar API in the full application, over HTTP with Basic authentication. Dates: see
 * {@link WorkingDayCalendarTest}.
 */
@OnedoorSpringTest
class CalendarControllerTest {

  @Autowired private TestRestTemplate rest;

  private final ObjectMapper json = new ObjectMapper();

  private ResponseEntity<String> get(String pathAndQuery) {
    return rest.withBasicAuth("zhangwei", "demo").getForEntity(pathAndQuery, String.class);
  }

  @Test
  void twentyWorkingDaysFrom28September2026() {
    // Mon 09-28 + 20 working days: 09-29, 09-30, [10-01..10-07 国庆节], 10-08, 10-09,
    // Sat 10-10 (make-up), then three full weeks 10-12..10-30 -> Fri 2026-10-30
    ResponseEntity<String> answer = get("/api/v1/calendar/deadline?from=2026-09-28&workingDays=20");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody())
        .isEqualTo(
            "{\"from\":\"2026-09-28\",\"workingDays\":20,\"deadline\":\"2026-10-30\","
                + "\"calendarComplete\":true,\"years\":[{\"year\":2026,\"source\":\"notice\",\"label\":\"按国务院节假日安排通知计算\"}]}");
  }

  @Test
  void calendarDaysRollOffNationalDay() {
    // 09-01 + 30 days = Thu 10-01 (国庆节) -> next working day Thu 10-08
    assertThat(get("/api/v1/calendar/deadline?from=2026-09-01&days=30").getBody())
        .isEqualTo(
            "{\"from\":\"2026-09-01\",\"days\":30,\"deadline\":\"2026-10-08\","
                + "\"rolledToWorkingDay\":true,\"calendarComplete\":true,"
                + "\"years\":[{\"year\":2026,\"source\":\"notice\",\"label\":\"按国务院节假日安排通知计算\"}]}");
    // 09-01 + 29 days = Wed 09-30, a working day: no roll
    assertThat(get("/api/v1/calendar/deadline?from=2026-09-01&days=29").getBody())
        .contains("\"deadline\":\"2026-09-30\",\"rolledToWorkingDay\":false");
  }

  @Test
  void springFestival() throws Exception {
    // Fri 02-13 + 6 working days: Sat 02-14 (make-up), [02-15..02-23 春节], 02-24..02-27,
    // Sat 02-28 (make-up) -> 2026-02-28
    JsonNode body = json.readTree(get("/api/v1/calendar/deadline?from=2026-02-13&workingDays=6").getBody());
    assertThat(body.get("deadline").asText()).isEqualTo("2026-02-28");
  }

  @Test
  void intoAYearWithoutANoticeCountsTheStatutoryHolidaysAndSaysSo() throws Exception {
    // Thu 2026-12-31 + 1 working day: 2027 has no notice yet, but Fri 2027-01-01 is 元旦 by law,
    // then the weekend -> Mon 2027-01-04
    JsonNode body =
        json.readTree(get("/api/v1/calendar/deadline?from=2026-12-31&workingDays=1").getBody());
    assertThat(body.get("deadline").asText()).isEqualTo("2027-01-04");
    assertThat(body.get("calendarComplete").asBoolean()).isFalse();
    assertThat(body.get("years").toString())
        .isEqualTo(
            "[{\"year\":2026,\"source\":\"notice\",\"label\":\"按国务院节假日安排通知计算\"},{\"year\":2027,\"source\":\"law\","
                + "\"label\":\"按法定节假日计算（国务院通知尚未发布，调休安排未计入）\"}]");
  }

  @Test
  void listsTheStatutoryHolidaysOfAYearByLaw() throws Exception {
    // Thu 2027-09-30, [Fri 10-01 .. Sun 10-03 国庆节 by law], Mon 10-04
    JsonNode body = json.readTree(get("/api/v1/calendar/days?from=2027-09-30&to=2027-10-04").getBody());
    assertThat(body.get("workingDays").asInt()).isEqualTo(2);
    assertThat(body.get("calendarComplete").asBoolean()).isFalse();
    assertThat(body.get("years")).hasSize(1);
    assertThat(body.get("years").get(0).get("source").asText()).isEqualTo("law");
    assertThat(body.get("days").get(1).toString())
        .isEqualTo(
            "{\"date\":\"2027-10-01\",\"dayOfWeek\":\"FRIDAY\",\"working\":false,"
                + "\"kind\":\"HOLIDAY\",\"name\":\"国庆节\",\"official\":false,\"source\":\"law\"}");
    assertThat(body.get("days").get(4).get("kind").asText()).isEqualTo("WORKDAY");
    // beyond the law's table: Monday to Friday only
    JsonNode far = json.readTree(get("/api/v1/calendar/days?from=2101-10-01&to=2101-10-03").getBody());
    assertThat(far.get("years").get(0).get("source").asText()).isEqualTo("weekdays");
    assertThat(far.get("years").get(0).get("label").asText()).isEqualTo("仅按周一至周五计算（无节假日数据）");
    assertThat(far.get("days").get(2).get("source").asText()).isEqualTo("weekdays");
  }

  @Test
  void listsDays() throws Exception {
    ResponseEntity<String> answer = get("/api/v1/calendar/days?from=2026-09-30&to=2026-10-11");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = json.readTree(answer.getBody());
    // working: Wed 09-30, Thu 10-08, Fri 10-09, Sat 10-10 (make-up)
    assertThat(body.get("workingDays").asInt()).isEqualTo(4);
    assertThat(body.get("calendarComplete").asBoolean()).isTrue();
    JsonNode days = body.get("days");
    assertThat(days).hasSize(12);
    assertThat(days.get(1).toString())
        .isEqualTo(
            "{\"date\":\"2026-10-01\",\"dayOfWeek\":\"THURSDAY\",\"working\":false,"
                + "\"kind\":\"HOLIDAY\",\"name\":\"国庆节\",\"official\":true,\"source\":\"notice\"}");
    assertThat(days.get(10).get("kind").asText()).isEqualTo("MAKEUP_WORKDAY");
    assertThat(days.get(10).get("working").asBoolean()).isTrue();
    assertThat(days.get(11).get("kind").asText()).isEqualTo("WEEKEND");
    // a whole leap year is the longest list
    assertThat(json.readTree(get("/api/v1/calendar/days?from=2024-01-01&to=2024-12-31").getBody())
            .get("days"))
        .hasSize(366);
  }

  @Test
  void withoutCredentials401() {
    ResponseEntity<String> answer =
        rest.getForEntity("/api/v1/calendar/deadline?from=2026-09-28&workingDays=20", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "deadline?workingDays=20                                 | from        | required",
        "deadline?from=&workingDays=20                           | from        | required",
        "deadline?from=28.09.2026&workingDays=20                 | from        | YYYY-MM-DD",
        "deadline?from=2026-02-30&workingDays=20                 | from        | YYYY-MM-DD",
        "deadline?from=0001-01-01&workingDays=20                 | from        | between",
        "deadline?from=2026-09-28                                | workingDays | calendar days",
        "deadline?from=2026-09-28&workingDays=20&days=30         | workingDays | not both",
        "deadline?from=2026-09-28&workingDays=-1                 | workingDays | between 0 and 3650",
        "deadline?from=2026-09-28&workingDays=3651               | workingDays | between 0 and 3650",
        "deadline?from=2026-09-28&workingDays=2.5                | workingDays | whole number",
        "deadline?from=2026-09-28&days=abc                       | days        | whole number",
        "deadline?from=2026-09-28&days=-30                       | days        | between 0 and 3650",
        "deadline?from=2026-09-28&days=99999999999999999999999   | days        | between 0 and 3650",
        "days?from=2026-01-01                                    | to          | required",
        "days?from=2026-10-01&to=2026-09-01                      | to          | before from",
        "days?from=2026-01-01&to=2027-01-02                      | to          | 366",
        "days?from=yesterday&to=2026-01-01                       | from        | YYYY-MM-DD",
      })
  void badParameters400(String query, String field, String reasonPart) throws Exception {
    ResponseEntity<String> answer = get("/api/v1/calendar/" + query);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = json.readTree(answer.getBody());
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("error").asText()).isEqualTo("Bad Request");
    assertThat(body.get("path").asText()).startsWith("/api/v1/calendar/");
    JsonNode error = body.get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("reason").asText()).contains(reasonPart);
  }

  @Test
  void everyBadFieldIsNamed() throws Exception {
    JsonNode body =
        json.readTree(get("/api/v1/calendar/deadline?from=soon&days=many").getBody());
    assertThat(body.get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("from", "days");
  }
}
