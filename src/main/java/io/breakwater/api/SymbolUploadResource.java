package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Permission;
import io.breakwater.storage.StorageException;
import io.breakwater.symbolstore.SymbolUploadService;
import io.breakwater.symbolstore.SymbolZip;
import io.breakwater.symbolstore.UploadRejectedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code POST /api/upload-symbols}: a zip of {@code <debug_file>/<debug_id>/<name>.sym} files (also under a
 * top-level folder, as Electron's {@code breakpad_symbols/}), or a single {@code .sym} or {@code .sym.gz} file:
 * either the raw body or the single file part of a {@code multipart/form-data} request (which is also what
 * Breakpad's {@code symupload} sends without {@code -p}); or, like Tecken, a {@code url} field naming a zip
 * to download from an allowed host. 201 with the stored keys; 400 naming the bad entry; 413 over the
 * size limits; 401/403 without the {@code upload_symbols} permission (see
 * {@link io.breakwater.symbolstore.SymbolWriteAccess}); 503
 * when storage fails.
 */
@Path("/api/upload-symbols")
@Tag(name = ApiDocument.SYMBOLS)
@SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.UPLOAD_SYMBOLS)
@APIResponse(responseCode = "201", description = "{id, uploaded_at, size, keys, files, reprocessing_queued}")
@APIResponse(responseCode = "400", description = "A bad zip entry (named in entry)")
@APIResponse(responseCode = "401", description = "No token")
@APIResponse(responseCode = "403", description = "The token lacks upload_symbols")
@APIResponse(responseCode = "413", description = "Over the size limits")
@APIResponse(responseCode = "503", description = "Symbol storage failed; nothing was published")
public class SymbolUploadResource {

    private static final Logger LOG = Logger.getLogger(SymbolUploadResource.class);

    @Inject
    SymbolUploadService uploads;

    @Inject
    AccessPolicy access;

    @POST
    @Blocking
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM,
            "application/gzip", "application/x-gzip", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload Breakpad symbols",
            description = "The body is a zip of <debug_file>/<debug_id>/<name>.sym files (also under a top-level "
                    + "folder such as breakpad_symbols/), or one .sym or .sym.gz file, filed under its MODULE line. "
                    + "Crashes that were missing the uploaded modules are queued for reprocessing. Needs upload_symbols.")
    @RequestBody(content = @Content(mediaType = "application/zip",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response uploadZip(InputStream body,
                              @HeaderParam(HttpHeaders.CONTENT_LENGTH) @Parameter(hidden = true) String contentLength,
                              @HeaderParam(HttpHeaders.USER_AGENT) @Parameter(hidden = true) String userAgent) {
        return run(() -> uploads.upload(body, parseLength(contentLength), uploader(), userAgent));
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload Breakpad symbols as a form",
            description = "One file part (any name: symupload sends symbol_file) holding a zip, a .sym or a .sym.gz "
                    + "(curl -F file=@symbols.zip), or a url field naming a zip to download from an allowed host "
                    + "(Tecken's upload by download URL). Needs upload_symbols.")
    public Response uploadForm(@RestForm(FileUpload.ALL) List<FileUpload> parts, @RestForm("url") String url,
                               @HeaderParam(HttpHeaders.USER_AGENT) @Parameter(hidden = true) String userAgent) {
        List<FileUpload> files = parts == null ? List.of() : parts.stream().filter(p -> p.uploadedFile() != null).toList();
        if (files.isEmpty() && url != null && !url.isBlank()) {
            return run(() -> uploads.uploadFromUrl(url, uploader(), userAgent));
        }
        if (files.size() != 1) {
            return error(400, "expected exactly one file part holding the zip (or .sym, .sym.gz), or a url field; got "
                    + files.size() + " file parts", null);
        }
        return run(() -> uploads.upload(files.get(0).uploadedFile(), uploader(), userAgent));
    }

    /** Tecken's upload by download URL, as a plain form. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload Breakpad symbols by download URL",
            description = "Tecken's upload by download URL: the server downloads the zip named by the url field, only "
                    + "from hosts in breakwater.symbols.upload.download-hosts. Needs upload_symbols.")
    public Response uploadByUrl(@FormParam("url") String url,
                                @HeaderParam(HttpHeaders.USER_AGENT) @Parameter(hidden = true) String userAgent) {
        if (url == null || url.isBlank()) {
            return error(400, "a form upload needs a url field (the address of a symbols zip to download)", null);
        }
        return run(() -> uploads.uploadFromUrl(url, uploader(), userAgent));
    }

    private interface Upload {
        SymbolUploadService.Result run() throws UploadRejectedException;
    }

    private Response run(Upload upload) {
        try {
            return Response.status(201).entity(body(upload.run())).type(MediaType.APPLICATION_JSON).build();
        } catch (UploadRejectedException e) {
            return error(e.status(), e.getMessage(), e.entry());
        } catch (SymbolUploadService.PublishFailedException | StorageException e) {
            LOG.warnf("Symbol upload failed in storage: %s", e.getMessage());
            return error(503, "symbol storage failed, nothing was published: " + e.getMessage(), null);
        }
    }

    private String uploader() {
        return access.caller().describe();
    }

    private static Map<String, Object> body(SymbolUploadService.Result result) {
        List<String> keys = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (SymbolZip.ExtractedFile f : result.files()) {
            keys.add(f.key().objectKey());
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("key", f.key().objectKey());
            file.put("entry", f.entry());
            file.put("debug_file", f.key().debugFile());
            file.put("debug_id", f.key().debugId());
            file.put("os", f.os());
            file.put("cpu", f.cpu());
            file.put("size", f.size());
            file.put("sha256", f.sha256());
            files.add(file);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", result.uploadId());
        out.put("uploaded_at", result.uploadedAt() == null ? null : result.uploadedAt().toString());
        out.put("size", result.zipBytes());
        out.put("keys", keys);
        out.put("files", files);
        out.put("reprocessing_queued", result.reprocessQueued());
        if (!result.warnings().isEmpty()) {
            out.put("warnings", result.warnings());
        }
        return out;
    }

    private static Response error(int status, String message, String entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (entry != null) {
            body.put("entry", entry);
        }
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private static OptionalLong parseLength(String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
