package org.onedoor.listing;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Staff page {@code /staff/listings/{id}}: the case on the abnormal operations list, its letters, what
 * the business filed so far, and the forms where staff register an objection (异议) or a removal
 * application (移出申请) with the documents handed in. A static page (static/staff/listing/case.html and
 * .js) calling the listing API; linked from every task form of the case and from the inspection file,
 * reached with the Tasklist sign-in or HTTP Basic. Staff of the deciding department and admins only.
 */
@Controller
class ListingPages {

  private final ListingAccess access;

  ListingPages(ListingAccess access) {
    this.access = access;
  }

  @GetMapping("/staff/listings/{id}")
  String page(@PathVariable long id, Authentication caller) {
    access.requireDepartment(id, caller);
    return "forward:/staff/listing/case.html";
  }
}
