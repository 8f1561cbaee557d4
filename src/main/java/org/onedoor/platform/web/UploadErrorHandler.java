package org.onedoor.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.onedoor.platform.web.ApiExceptionHandler.ApiError;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Upload errors in onedoor's error shape. Ordered first: Spring Boot's problem-details handler
 * (spring.mvc.problemdetails.enabled) would otherwise answer these with a ProblemDetail.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UploadErrorHandler {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return ApiExceptionHandler.answer(
        HttpStatus.PAYLOAD_TOO_LARGE,
        request,
        List.of(new FieldError("file", "the file is larger than the 50 MB upload limit (文件超过 50 MB 的上传上限)")));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
    return ApiExceptionHandler.answer(
        HttpStatus.BAD_REQUEST,
        request,
        List.of(new FieldError(e.getRequestPartName(), "is required (必填)")));
  }
}
