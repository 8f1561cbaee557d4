package org.onedoor.platform.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** What a Camunda Form lets a completion set, read from the forms as deployed. */
class FormFieldsTest {

  static FormFields form(String id) throws IOException {
    return FormFields.parse(Files.readAllBytes(Path.of("forms", id + ".form")));
  }

  @Test
  void theChiefsReviewAnswersDecisionAndReasonAndOnlyShowsThePlanNumber() throws IOException {
    FormFields review = form("plan-review");
    assertThat(review.formId()).isEqualTo("plan-review");
    assertThat(review.answered()).containsExactlyInAnyOrder("decision", "reason");
    assertThat(review.readOnly()).containsExactly("planNumber");
    assertThat(review.declares("planNumber")).isTrue();
    assertThat(review.declares("departments")).isFalse();
  }

  @Test
  void aDynamicListIsOneVariableAndItsRowsFieldsAreNotVariablesOfTheirOwn() throws IOException {
    FormFields start = FormFields.parse("""
        {"id":"f","components":[
          {"type":"dynamiclist","path":"departments","components":[{"key":"department","type":"select"},{"key":"items","type":"textfield"}]},
          {"type":"dynamiclist","path":"batches","components":[{"key":"from","type":"datetime"},{"key":"to","type":"datetime"}]},
          {"key":"drawDate","type":"datetime"}]}""".getBytes());
    assertThat(start.answered()).contains("departments", "batches", "drawDate")
        .doesNotContain("department", "items", "from", "to");
  }

  @Test
  void theOnSiteRecordAlsoTakesTheCheckLinesTheReadmeDocumentsForApiCallers() throws IOException {
    assertThat(form("inspection-record").answered()).contains("checkLines", "linesProblem", "resultCode");
    assertThat(form("inspection-review").answered()).doesNotContain("checkLines");
  }

  @Test
  void aNestedGroupWithoutAPathContributesItsFieldsAndKeysArePathsOfTheirFirstSegment() {
    FormFields fields = FormFields.parse("""
        {"id":"f","components":[
          {"type":"group","components":[{"key":"inner","type":"textfield"},{"key":"shown","type":"textfield","readonly":true}]},
          {"type":"group","path":"address","components":[{"key":"street","type":"textfield"}]},
          {"key":"a.b","type":"textfield"},
          {"type":"text","text":"no key"}]}""".getBytes());
    assertThat(fields.answered()).containsExactlyInAnyOrder("inner", "address", "a");
    assertThat(fields.readOnly()).containsExactly("shown");
  }

  @Test
  void aReadOnlyFieldComingBackUnchangedIsNotAChangeButAnotherValueIs() {
    assertThat(TaskCommandGuard.changes("SP-1", Variables.stringValue("SP-1"))).isFalse();
    assertThat(TaskCommandGuard.changes("SP-1", "SP-2")).isTrue();
    assertThat(TaskCommandGuard.changes(2025, 2025L)).isFalse();
    assertThat(TaskCommandGuard.changes(2025, "2024")).isTrue();
    assertThat(TaskCommandGuard.changes(null, "")).isFalse();
    assertThat(TaskCommandGuard.changes(new Date(), "2026-10-16")).isFalse();
  }
}
