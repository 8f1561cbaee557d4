package org.onedoor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.oversight.OversightService.DepartmentFigures;
import org.onedoor.oversight.OversightService.EntityLoad;
import org.onedoor.oversight.OversightService.WarningFigures;
import org.onedoor.oversight.OversightService.Figures;
import org.onedoor.oversight.OversightService.MonthFigures;
import org.onedoor.oversight.OversightService.WarningMonth;
import org.onedoor.security.OrganisationProperties.Department;

/**
 * The dashboard's precompiled template (as the application renders it, no Spring) with hostile
 * department names and codes: every one comes out escaped, in text and in attributes.
 */
class OversightTemplateTest {

  static final String HOSTILE_NAME = "<script>alert('名')</script>\"&";
  static final String HOSTILE_CODE = "x\"><img src=x onerror=alert(1)>";

  final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  @Test
  void hostileDepartmentNamesAndCodesAreEscapedEverywhereOnTheDashboard() {
    Figure half = Figure.of(1, 2);
    DepartmentFigures department = new DepartmentFigures(HOSTILE_CODE, HOSTILE_NAME, half, half, false, Figure.of(0, 0),
        half, true, 1, EntityLoad.of(2, 1, 2), new WarningFigures(7, half, Figure.of(1, 7), Figure.of(3, 4), 2));
    Figures figures = new Figures(2047, HOSTILE_CODE, LocalDate.of(2047, 5, 1), 1.0, 0.2, department, List.of(department),
        List.of(new MonthFigures("2047-01", HOSTILE_CODE, HOSTILE_NAME, half, false)),
        List.of(new MonthFigures("2047-01", HOSTILE_CODE, HOSTILE_NAME, half, false)),
        List.of(new WarningMonth("2047-01", 7, 2)));

    StringOutput html = new StringOutput();
    templates.render("oversight/dashboard.jte",
        Map.of("figures", figures, "departments", List.of(new Department("market", HOSTILE_NAME))), html);
    String page = html.toString();

    assertThat(page).doesNotContain("<script>alert", "<img src=x", HOSTILE_NAME, HOSTILE_CODE);
    // JTE escapes by context: in text < > &, in an attribute also the quote that would end it
    assertThat(page).contains("<p class=\"sub\" id=\"scope\">2047 年 · &lt;script&gt;alert('名')&lt;/script&gt;\"&amp; · ");
    assertThat(page).contains("<td data-label=\"部门\">&lt;script&gt;alert('名')&lt;/script&gt;\"&amp;</td>");
    assertThat(page).contains("<tr id=\"department-x&#34;>&lt;img src=x onerror=alert(1)>\">");
    assertThat(page).contains("data-department=\"x&#34;>&lt;img src=x onerror=alert(1)>\"");
    assertThat(page).as("the only scripts are the two files").contains(
        "<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\" defer></script>",
        "<script src=\"/staff/oversight/charts.js\" defer></script>");
    assertThat(page.split("<script", -1)).hasSize(3);
    assertThat(page).contains("50.0%（1 / 2）", "<span class=\"unmet\">未达标</span>", "<span class=\"met\">达标</span>",
        "目标 ≥ 20.0%", "2.00（2 / 1，最多 2）");
    // the credit and risk loop (issue 15): warnings and targeted inspections, per department too
    assertThat(page).contains("风险预警与定向检查", "<div class=\"value\">7</div>", "14.3%（1 / 7）", "75.0%（3 / 4）",
        "<tr id=\"warnings-x&#34;>&lt;img src=x onerror=alert(1)>\">");
    // and as charts (drawn by the script from the API) with their tables: per department and per month
    assertThat(page).contains("id=\"chart-warnings\" role=\"img\"", "id=\"chart-warning-months\" role=\"img\"",
        "<td data-label=\"月份\">2047-01</td><td data-label=\"收到预警\">7</td><td data-label=\"定向检查\">2</td>");
  }

  @Test
  void aDepartmentWithoutDataShowsNoDataWithoutATargetBadgeInItsRow() {
    Figure none = Figure.of(0, 0);
    DepartmentFigures empty = new DepartmentFigures("fire", "消防救援支队", none, none, null, none, none, null, 0,
        EntityLoad.of(0, 0, 0), new WarningFigures(0, none, none, none, 0));
    Figures figures = new Figures(2047, null, LocalDate.of(2047, 5, 1), 1.0, 0.2, empty, List.of(empty),
        List.of(new MonthFigures("2047-01", null, null, none, null)), List.of(), List.of(new WarningMonth("2047-01", 0, 0)));
    StringOutput html = new StringOutput();
    templates.render("oversight/dashboard.jte",
        Map.of("figures", figures, "departments", List.of(new Department("fire", "消防救援支队"))), html);
    String page = html.toString();

    String row = page.substring(page.indexOf("<tr id=\"department-fire\">"), page.indexOf("</tr>", page.indexOf("department-fire")));
    assertThat(row).contains("无数据").doesNotContain("nodata", "达标");
    assertThat(page).as("the month table says 无数据 as a badge").contains("<span class=\"nodata\">无数据</span>");
    assertThat(page).doesNotContain("各部门按月按时公示").doesNotContain("data-department=");
    assertThat(page).contains("<option value=\"fire\">消防救援支队</option>");
  }
}
