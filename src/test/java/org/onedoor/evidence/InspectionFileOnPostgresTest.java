package org.onedoor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.TestClock;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.inspection.InspectionAssignments;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.inspection.InspectionDetails;
import org.onedoor.inspection.InspectionFixtures;
import org.onedoor.rectification.DeadlineKind;
import org.onedoor.rectification.RectificationProperties;
import org.onedoor.rectification.Rectifications;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the evidence store, the inspection detail and the rectification order on PostgreSQL
 * (embedded, our Flyway migrations only; Camunda's user table stubbed): BYTEA round trip, the
 * paged list, the joins for inspector names.
 */
class InspectionFileOnPostgresTest {

  private static EmbeddedPostgres postgres;
  private static JdbcClient jdbc;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
        .table("onedoor_schema_history").load().migrate();
    jdbc = JdbcClient.create(postgres.getPostgresDatabase());
    jdbc.sql("CREATE TABLE IF NOT EXISTS act_id_user (id_ VARCHAR(64) PRIMARY KEY, first_ VARCHAR(255))").update();
    jdbc.sql("INSERT INTO act_id_user (id_, first_) VALUES ('zhangwei', '张伟')").update();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void evidenceDetailAndOrderWorkOnPostgres() throws Exception {
    InspectionAudit audit = new InspectionAudit(jdbc);
    InspectionAccess access = new InspectionAccess(jdbc, new InspectionAssignments(jdbc));
    EvidenceProperties properties = new EvidenceProperties(null, null, null);
    EvidenceStore store = new EvidenceStore(jdbc, properties, access, audit);
    String number = InspectionFixtures.open(jdbc, "PGF", InspectionFixtures.entity(jdbc, "PostgreSQL 测试店"));

    byte[] png = EvidenceControllerTest.png(7);
    EvidenceStore.Stored stored = store.upload(number, "a.png", png.length, png, "说明", "zhangwei",
        List.of("market", "role-inspector"), TestClock.now());
    assertThat(stored.created()).isTrue();
    assertThat(store.upload(number, "b.png", png.length, png, null, "lina", List.of("market"), TestClock.now()).created())
        .isFalse();
    assertThat(store.content(stored.evidence().id())).isEqualTo(png);
    assertThat(stored.evidence().sha256()).isEqualTo(EvidenceControllerTest.sha256(png));
    byte[] jpeg = EvidenceControllerTest.jpeg();
    EvidenceStore.Evidence resized = store.upload(number, "c.jpg", jpeg.length, jpeg, null, 6_000_000L, "zhangwei",
        List.of("market"), TestClock.now()).evidence();
    assertThat(store.list(number)).extracting(EvidenceStore.Evidence::originalSizeBytes).containsExactly(null, 6_000_000L);
    assertThat(resized.sha256()).isEqualTo(EvidenceControllerTest.sha256(jpeg));

    OrganisationProperties organisation = new OrganisationProperties(
        List.of(new OrganisationProperties.Department("market", "市场监管局"),
            new OrganisationProperties.Department("culture", "文化和旅游局"),
            new OrganisationProperties.Department("fire", "消防救援支队")), null);
    CalendarProperties calendar = new CalendarProperties(null, null, null);
    Rectifications rectifications = new Rectifications(jdbc, access, audit, WorkingDayCalendar.load(null, true),
        calendar, new RectificationProperties(null, null, null), null, null, null, event -> { });
    InspectionDetails details = new InspectionDetails(jdbc, audit, organisation,
        List.of(new EvidenceSection(store, calendar)));

    String plan = number.substring(0, number.lastIndexOf('-'));
    InspectionDetails.Page page = details.list(plan, "fire", "open", null, 0, 10);
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.items().get(0).entityName()).isEqualTo("PostgreSQL 测试店");
    InspectionDetails.Detail detail = details.detail(number);
    assertThat(detail.departments()).extracting(InspectionDetails.Department::code)
        .containsExactly("culture", "fire", "market");
    assertThat(detail.departments().get(2).inspectors())
        .contains(new InspectionDetails.Inspector("zhangwei", "张伟"));
    assertThat(detail.sections()).extracting(InspectionDetails.Section::key).containsExactly("evidence");
    assertThat(detail.audit()).extracting(InspectionAudit.Event::kind).containsExactly("evidence-uploaded", "evidence-uploaded");

    Instant now = LocalDate.of(2026, 9, 30).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    rectifications.register("pi-1", number, "market", "2026-10-20", "zhangwei,lina", null, now);
    Rectifications.Order order = rectifications.issueOrder("pi-1", "责改1号", "整改事项", "workingDays", 5L,
        "zhangwei", now);
    assertThat(order.deadline()).isEqualTo(LocalDate.of(2026, 10, 13));
    Rectifications.Rectification stored2 = rectifications.byProcess("pi-1");
    assertThat(stored2.deadlineKind()).isEqualTo(DeadlineKind.WORKING_DAYS);
    assertThat(stored2.periodLength()).isEqualTo(5);
  }
}
