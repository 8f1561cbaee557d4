package org.onedoor.directory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The entity directory for signed-in staff (credit class and risk level included: internal, never
 * public).
 *
 * <ul>
 *   <li>{@code GET /api/v1/entities?uscc=&name=&nameMatch=prefix|contains&category=&region=&status=&page=0&size=20}
 *   <li>{@code GET /api/v1/entities/{uscc}}: the entity and its status history
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/entities")
public class EntityController {

  static final int DEFAULT_SIZE = 20;
  static final int MAX_PAGE = 1_000_000;

  private final EntityDirectory directory;

  public EntityController(EntityDirectory directory) {
    this.directory = directory;
  }

  /** An entity with its status history. */
  public record EntityDetail(
      @JsonUnwrapped DirectoryEntity entity, List<EntityDirectory.StatusChange> statusHistory) {}

  @GetMapping
  public EntityDirectory.Page<DirectoryEntity> search(
      @RequestParam(required = false) String uscc,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String nameMatch,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String region,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    List<FieldError> errors = new ArrayList<>();
    String code = null;
    if (present(uscc)) {
      code = Uscc.normalise(uscc);
      Uscc.problem(code).ifPresent(p -> errors.add(new FieldError("uscc", p)));
    }
    if (present(name) && name.strip().length() > EntityColumn.NAME.maxLength()) {
      errors.add(new FieldError("name", "不能超过 " + EntityColumn.NAME.maxLength() + " 个字符"));
    }
    boolean contains = false;
    if (present(nameMatch)) {
      switch (nameMatch.strip().toLowerCase(Locale.ROOT)) {
        case "prefix" -> contains = false;
        case "contains" -> contains = true;
        default -> errors.add(new FieldError("nameMatch", "应为 prefix 或 contains"));
      }
    }
    for (String[] text : new String[][] {{"category", category}, {"region", region}}) {
      if (present(text[1]) && text[1].strip().length() > 100) {
        errors.add(new FieldError(text[0], "不能超过 100 个字符"));
      }
    }
    String statusCode = null;
    if (present(status)) {
      statusCode = EntityColumn.STATUSES.get(status.strip());
      if (statusCode == null) {
        errors.add(
            new FieldError(
                "status",
                "“" + status + "”不是可用的登记状态，应为 "
                    + String.join("、", EntityColumn.STATUSES.keySet()) + " 之一"));
      }
    }
    int pageNumber = number("page", page, 0, 0, MAX_PAGE, errors);
    int pageSize = number("size", size, DEFAULT_SIZE, 1, EntityDirectory.MAX_PAGE_SIZE, errors);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return directory.search(
        new EntityDirectory.Criteria(code, name, contains, category, region, statusCode),
        pageNumber,
        pageSize);
  }

  @GetMapping("/{uscc}")
  public EntityDetail get(@PathVariable String uscc) {
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> {
      throw new BadRequestException("uscc", p);
    });
    DirectoryEntity entity =
        directory
            .find(code)
            .orElseThrow(() -> new NotFoundException("uscc", "名录库中没有统一社会信用代码为 " + code + " 的主体"));
    return new EntityDetail(entity, directory.history(code));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static int number(String field, String value, int dflt, int min, int max, List<FieldError> errors) {
    if (!present(value)) {
      return dflt;
    }
    String text = value.strip();
    if (!text.matches("[+-]?\\d{1,9}")) {
      errors.add(new FieldError(field, "“" + value + "”应为 " + min + " 至 " + max + " 之间的整数"));
      return dflt;
    }
    int n = Integer.parseInt(text);
    if (n < min || n > max) {
      errors.add(new FieldError(field, "应为 " + min + " 至 " + max + " 之间的整数，实为 " + n));
      return dflt;
    }
    return n;
  }
}
