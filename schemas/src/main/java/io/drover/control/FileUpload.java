package io.drover.control;

/**
 * One {@code files[]} entry of a result: its position in the array, the name as the test
 * wrote it, and the number of body bytes that follow the JSON.
 */
public record FileUpload(int position, String name, long length) {
}
