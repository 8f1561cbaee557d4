package org.onedoor.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onedoor.OnedoorSpringTest;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/inspection-outcome.dmn: where a department's approved result goes next (R7, R9). */
@OnedoorSpringTest
class InspectionOutcomeDecisionTest {

  @Autowired DecisionService decisions;

  @ParameterizedTest(name = "code {0}, rectify {1}, transfer {2}, notify {3} -> [{4}]")
  @CsvSource(delimiter = ';', value = {
    "1; false; false; false; ",
    "F; false; false; false; ",
    "8; false; false; false; ",
    "E; false; false; false; ",
    "A; true;  false; false; rectification",
    "A; false; true;  false; transfer",
    "A; false; false; true;  notify",
    "A; true;  true;  true;  rectification,transfer,notify",
    "B; false; false; false; abnormal-listing",
    "6; false; false; false; abnormal-listing",
    "B; true;  false; false; abnormal-listing,rectification",
    "6; false; true;  true;  abnormal-listing,transfer,notify",
    "C; false; false; false; ",
    "D; false; true;  false; transfer"
  })
  void routesFollowTheResultCodeAndTheMeasures(String code, boolean rectify, boolean transfer, boolean notify,
      String expected) {
    List<Object> routes = decisions.evaluateDecisionByKey("inspection-outcome")
        .variables(Map.of("resultCode", code, "orderRectification", rectify, "transferClues", transfer,
            "notifyOther", notify))
        .evaluate()
        .collectEntries("route");
    assertThat(routes).containsExactlyInAnyOrderElementsOf(
        expected == null ? List.of() : Arrays.stream(expected.split(",")).map(s -> (Object) s.strip()).toList());
  }
}
